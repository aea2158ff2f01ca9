import { Alert, Link, List, ListItem, ListItemText, Skeleton, Stack } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../../app/formatDateTime';
import { errorMessage } from '../../app/trpcErrors';
import { DueText, PrivacyStatusChip } from '../privacy/PrivacyStatusChip';
import { KIND_LABELS, requestHref } from '../privacy/privacyText';
import { usePrivacyRequestsSnapshot } from '../privacy/usePrivacy';
import { Empty, Section } from './Section';

const LIMIT = 20;

/** The customer's GDPR requests (by their product user id), for those who may read them; each opens its request page. */
export function CustomerPrivacyRequests({ userId }: { userId: string }) {
  const { canAccess } = useCanAccess({ resource: 'privacy', action: 'list' });
  const requests = usePrivacyRequestsSnapshot({ userId, limit: LIMIT }, canAccess === true);
  if (!canAccess) return null;
  const items = requests.data?.items ?? [];
  return (
    <Section title="Privacy requests">
      {requests.isPending && <Skeleton variant="rounded" height={64} role="status" aria-label="Loading privacy requests" />}
      {requests.error && <Alert severity="error">{errorMessage(requests.error)}</Alert>}
      {requests.data && items.length === 0 && <Empty>No privacy request from this customer.</Empty>}
      {items.length > 0 && (
        <List dense disablePadding aria-label="Privacy requests of this customer">
          {items.map((request) => (
            <ListItem key={request.id} disableGutters>
              <ListItemText
                primary={
                  <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                    <Link component={RouterLink} to={requestHref(request.id)}>
                      {KIND_LABELS[request.kind]} received {formatDateTime(request.receivedAt)}
                    </Link>
                    <PrivacyStatusChip status={request.status} />
                  </Stack>
                }
                secondary={
                  <>
                    Due <DueText request={request} />
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
      {requests.data?.nextCursor && (
        <Link component={RouterLink} to="/privacy?view=all" variant="body2">
          More requests in the Privacy section
        </Link>
      )}
    </Section>
  );
}

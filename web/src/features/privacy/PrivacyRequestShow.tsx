import { Alert, Grid, Link, Skeleton, Stack, Typography } from '@mui/material';
import type { TPrivacyRequestDetail } from '@opsdesk/shared';
import { Title, useCanAccess } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { AccessExportPanel } from './AccessExportPanel';
import { ErasurePanel } from './ErasurePanel';
import { PrivacyStatusChip } from './PrivacyStatusChip';
import { KIND_LABELS, subjectText } from './privacyText';
import { RequestDeadline } from './RequestDeadline';
import { RequestFacts } from './RequestFacts';
import { RequestHistory } from './RequestHistory';
import { RequestManageActions } from './RequestManageActions';
import { RequestStatusStepper } from './RequestStatusStepper';
import { usePrivacyRequest } from './usePrivacy';

/**
 * One privacy request (`#/privacy/<requestId>/show`): where it stands, its deadline, the
 * export or the erasure, and its history. Every control asks canAccess; whatever the
 * server refuses is shown in its words where the control is.
 */
export default function PrivacyRequestShow() {
  const { id = '' } = useParams();
  const request = usePrivacyRequest(id);
  if (request.isPending) return <Skeleton variant="rounded" height={360} role="status" aria-label="Loading the request" sx={{ mt: 2 }} />;
  if (request.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(request.error)}</Alert>;
  return <RequestPage request={request.data} />;
}

function RequestPage({ request }: { request: TPrivacyRequestDetail }) {
  const { canAccess: canManage } = useCanAccess({ resource: 'privacy', action: 'manage' });
  return (
    <Stack spacing={2} mt={2} mb={4} sx={{ minWidth: 0 }}>
      <Title title="Privacy request" />
      <Link component={RouterLink} to="/privacy" variant="body2">
        ← Privacy requests
      </Link>
      <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center" justifyContent="space-between">
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center" sx={{ minWidth: 0 }}>
          <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
            {KIND_LABELS[request.kind]}: {subjectText(request)}
          </Typography>
          <PrivacyStatusChip status={request.status} />
        </Stack>
        {canManage && <RequestManageActions request={request} />}
      </Stack>
      <RequestStatusStepper request={request} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            {request.kind === 'access' ? <AccessExportPanel request={request} /> : <ErasurePanel request={request} />}
            <RequestFacts request={request} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <RequestDeadline request={request} canManage={canManage === true} />
            <RequestHistory history={request.history} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}

import { List, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { ListItemLink } from '../../app/ListItemLink';
import { trpc } from '../../app/trpcClient';
import { formatDateTime } from '../../app/formatDateTime';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { requestTitle } from './approvalTypes';
import { TargetLabel } from '../customers/CustomerTargetLink';

/** For those who decide requests: how many wait for them, and the way to the inbox. */
function ApprovalsToDecideCard() {
  const count = useQuery(trpc.approvals.countToDecide.queryOptions());
  const waiting = count.data ?? 0;
  return (
    <HomeCard
      title="Approvals waiting for you"
      action={<HomeCardLink to="/approvals">Open the approvals inbox</HomeCardLink>}
    >
      <HomeCardState isPending={count.isPending} error={count.error} empty={waiting === 0} emptyText="Nothing waits for your decision.">
        <Typography variant="h4" component="p">
          {waiting}
        </Typography>
        <Typography color="text.secondary">{waiting === 1 ? 'request waits for your decision.' : 'requests wait for your decision.'}</Typography>
      </HomeCardState>
    </HomeCard>
  );
}

/**
 * For those who ask for approvals: their latest requests, each with how much and for
 * whom ("Refund 600.00 USD", the customer), and where it stands.
 */
function MyRequestsCard() {
  const mine = useQuery(trpc.approvals.find.queryOptions({ scope: 'mine', limit: 5 }));
  const requests = mine.data ?? [];
  return (
    <HomeCard title="My recent requests">
      <HomeCardState isPending={mine.isPending} error={mine.error} empty={requests.length === 0} emptyText="You have not asked for an approval yet.">
        <List dense disablePadding>
          {requests.map((request) => (
            <ListItemLink key={request.id} to={`/approvals/${request.id}/show`} sx={{ px: 0, gap: 1 }}>
              <ListItemText
                primary={requestTitle(request)}
                secondary={
                  <span style={{ overflowWrap: 'anywhere' }}>
                    <TargetLabel targetType={request.targetType} targetId={request.targetId} plain /> · {formatDateTime(request.createdAt)}
                  </span>
                }
              />
              <ApprovalStatusChip status={request.status} />
            </ListItemLink>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

export const approvalsHomeCards: HomeCardDefinition[] = [
  { id: 'approvals-to-decide', permission: 'approvals.decide', order: 10, Card: ApprovalsToDecideCard },
  { id: 'approvals-mine', permission: 'approvals.read', order: 20, Card: MyRequestsCard },
];

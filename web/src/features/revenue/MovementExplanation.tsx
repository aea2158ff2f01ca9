import type { TRevenueDrillDownRow } from '@opsdesk/shared';
import { Alert, List, ListItem, ListItemText, Skeleton, Stack, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { formatDateTime } from '../../app/formatDateTime';
import { dayLabel } from './periodWords';
import { formatMoney, MOVEMENT_LABELS } from './revenueFormat';
import { useMovementExplanation } from './useRevenue';
import { stripeStatusLabel } from '../../app/productWords';
import { actionLabel } from '../approvals/approvalTypes';

/** A staff action's state in a few words: most were done at once, with no approval to mention. */
const ACTION_OUTCOME: Record<string, string> = {
  succeeded: 'done',
  executing: 'in progress',
  pending_approval: 'waiting for approval',
  failed: 'failed',
  rejected: 'rejected',
  expired: 'expired, never done',
  void: 'void, never done',
};

/**
 * Why one customer's MRR moved: the movement, the subscription states recorded that day
 * (with the state each replaced), the Stripe event that carried them and, where Opsdesk
 * caused it, the staff action: who asked, why, and who approved.
 */
export function MovementExplanation({ row, currency }: { row: TRevenueDrillDownRow; currency: string }) {
  const explanation = useMovementExplanation(row.movementId);
  return (
    <Stack spacing={2} component="section" aria-label="Explanation">
      <Typography>
        <TargetLabel targetType="customer" targetId={row.customerId} />: {MOVEMENT_LABELS[row.kind]} on {dayLabel(row.day)}, {formatMoney(row.beforeCents, currency)} → {formatMoney(row.afterCents, currency)}.
      </Typography>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>Stripe event: {row.sourceEventId ?? 'none (the movement came from a recomputation)'}</Typography>
      {explanation.isPending ? (
        <Skeleton variant="rounded" height={120} role="status" aria-label="Loading the explanation" />
      ) : explanation.error ? (
        <Alert severity="error">{errorMessage(explanation.error)}</Alert>
      ) : (
        <>
          <Typography variant="subtitle1" component="h3">Subscription changes that day</Typography>
          {explanation.data.stateChanges.length === 0 ? (
            <Typography color="text.secondary">No subscription state was recorded that day (the policy moved it, e.g. at the end of a paid period).</Typography>
          ) : (
            <List dense disablePadding aria-label="Subscription changes">
              {explanation.data.stateChanges.map((change) => (
                <ListItem key={`${change.subscriptionId}-${String(change.effectiveAt)}`} disableGutters>
                  <ListItemText
                    sx={{ overflowWrap: 'anywhere' }}
                    primary={`${change.subscriptionId}: ${change.previous ? stripeStatusLabel(change.previous.status) : 'New'} → ${stripeStatusLabel(change.status)}`}
                    secondary={`${formatDateTime(change.effectiveAt)} · ${change.source} ${change.sourceId}`}
                  />
                </ListItem>
              ))}
            </List>
          )}
          <Typography variant="subtitle1" component="h3">Staff actions</Typography>
          {explanation.data.staffActions.length === 0 ? (
            <Typography color="text.secondary">No Opsdesk staff action on this customer around that day: the change came from Stripe or the customer.</Typography>
          ) : (
            <List dense disablePadding aria-label="Staff actions">
              {explanation.data.staffActions.map((action) => (
                <ListItem key={action.id} disableGutters>
                  <ListItemText
                    sx={{ overflowWrap: 'anywhere' }}
                    primary={`${actionLabel(action.action)} by ${action.requestedBy ?? 'unknown'} (${ACTION_OUTCOME[action.status] ?? action.status})`}
                    secondary={`Reason: ${action.reason ?? '—'} · Approved by: ${action.approvedBy ?? 'no approval needed'}${action.approvalComment ? ` (“${action.approvalComment}”)` : ''}`}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </>
      )}
    </Stack>
  );
}

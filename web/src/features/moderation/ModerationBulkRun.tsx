import { Alert, Box, Button, Chip, LinearProgress, Link, List, ListItem, ListItemText, Skeleton, Typography } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { BULK_ITEM_STATUS_LABELS, DECISION_LABELS, formatDateTime } from './moderationText';
import { useBulkRun, useCancelBulk } from './useBulk';
import { useReasonLabel } from './useModeration';
import { itemHref } from './useNextItem';

/**
 * A bulk run (`#/moderation-bulk/<runId>`): its job's progress (done, skipped, failed of
 * the frozen total), each item's result with why it was skipped or failed, and Cancel
 * while it runs. Read every 2 s until the job has finished.
 */
export default function ModerationBulkRun() {
  const { runId = '' } = useParams();
  const { canAccess, isPending } = useCanAccess({ resource: 'moderation', action: 'list' });
  const { canAccess: canDecide } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const bulk = useBulkRun(runId);
  const cancel = useCancelBulk();
  const reasonLabel = useReasonLabel();
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to see bulk runs.</Alert>;
  if (bulk.isPending) return <Skeleton variant="rounded" height={240} role="status" aria-label="Loading the run" sx={{ mt: 2 }} />;
  if (bulk.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(bulk.error)}</Alert>;
  const { run, items } = bulk.data;
  const processed = run.done + run.skipped + run.failed;
  const finished = run.finishedAt !== null;
  return (
    <ConsolePage
      title="Bulk decision"
      heading={`Bulk decision ${run.id}`}
      back={{ to: '/moderation', label: 'Queue' }}
      badges={<Chip label={run.status ?? 'job pruned'} color={run.status === 'succeeded' ? 'success' : run.status === 'failed' || run.status === 'timed_out' ? 'error' : 'default'} />}
    >
      <Typography sx={{ overflowWrap: 'anywhere' }}>
        {DECISION_LABELS[run.decisionType as keyof typeof DECISION_LABELS] ?? run.decisionType} · {reasonLabel(run.reasonCode)} · by {run.requestedBy} on {formatDateTime(run.createdAt)} — “{run.reason}”
      </Typography>
      <Box aria-label="Progress" role="group">
        <LinearProgress variant={run.total === null ? 'indeterminate' : 'determinate'} value={run.total ? (100 * processed) / run.total : 0} />
        <Typography variant="body2" mt={0.5}>
          {run.total === null ? `Freezing the set (estimate ${run.estimate ?? run.entryCount ?? '?'})…` : `${processed} of ${run.total} processed: ${run.done} done, ${run.skipped} skipped, ${run.failed} failed.`}
        </Typography>
      </Box>
      {run.error && <Alert severity="error">{run.error}</Alert>}
      {cancel.error && <Alert severity="error">{errorMessage(cancel.error)}</Alert>}
      {canDecide && !finished && (
        <Button variant="outlined" color="warning" onClick={() => cancel.mutate(run.id)} disabled={cancel.isPending} sx={{ alignSelf: 'flex-start' }}>
          Cancel the run
        </Button>
      )}
      <List dense aria-label="Items">
        {items.map((item) => (
          <ListItem key={item.queueEntryId} disableGutters>
            <ListItemText
              primary={
                <Link component={RouterLink} to={itemHref(item.queueEntryId)}>
                  Item {item.queueEntryId}: {BULK_ITEM_STATUS_LABELS[item.status]}
                </Link>
              }
              secondary={item.reason ?? (item.processedAt ? formatDateTime(item.processedAt) : 'Not yet processed')}
              secondaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }}
            />
          </ListItem>
        ))}
      </List>
      {bulk.data.nextCursor && <Typography variant="body2" color="text.secondary">Showing the first 100 items.</Typography>}
    </ConsolePage>
  );
}

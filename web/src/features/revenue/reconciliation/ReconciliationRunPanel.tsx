import type { TReconciliationRun } from '@opsdesk/shared';
import { Alert, Box, Card, CardContent, Chip, LinearProgress, Skeleton, Stack, Typography } from '@mui/material';
import { errorMessage } from '../../../app/trpcErrors';
import { dayLabel } from '../periodWords';
import { ReconciliationDifferences } from './ReconciliationDifferences';
import { ReconciliationJobLink } from './ReconciliationJobLink';
import { ReconciliationTotals } from './ReconciliationTotals';
import { progressPercent, progressText, STATUS_LABELS } from './reconciliationText';
import { isRunActive, useReconciliationRun } from './useReconciliation';

/** One run: live progress while it runs (polled), then its totals and the customers that differ; or why it failed. */
export function ReconciliationRunPanel({ runId }: { runId: string }) {
  const run = useReconciliationRun(runId);
  if (run.isPending) {
    return (
      <Stack role="status" aria-label="Loading the reconciliation">
        <Skeleton variant="rounded" height={160} />
      </Stack>
    );
  }
  if (run.error) return <Alert severity="error">{errorMessage(run.error)}</Alert>;
  return <RunContent run={run.data} />;
}

function RunContent({ run }: { run: TReconciliationRun }) {
  const percent = progressPercent(run);
  const active = isRunActive(run);
  return (
    <Card variant="outlined" component="section" aria-label={`Reconciliation of ${dayLabel(run.day)}`}>
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography variant="h6" component="h2">
              {`Reconciliation of ${dayLabel(run.day)}`}
            </Typography>
            <Chip size="small" label={STATUS_LABELS[run.status]} color={run.status === 'failed' ? 'error' : run.status === 'succeeded' ? 'success' : 'info'} />
            <Typography variant="body2" color="text.secondary">{`Started by ${run.requestedBy.name}`}</Typography>
            <ReconciliationJobLink jobId={run.jobId} />
          </Stack>
          <Box>
            <LinearProgress aria-label="Reconciliation progress" variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} color={run.status === 'failed' ? 'error' : 'primary'} />
            <Typography variant="body2" role="status" sx={{ mt: 0.5 }}>
              {progressText(run)}
            </Typography>
          </Box>
          {run.status === 'failed' && <Alert severity="error">{run.error ?? 'The run failed.'}</Alert>}
          {active && <Typography color="text.secondary">You can leave this page: the run continues on the server.</Typography>}
          {run.status === 'succeeded' && run.totals && (
            <>
              <ReconciliationTotals run={run} totals={run.totals} />
              <Typography variant="h6" component="h3">
                Customers that differ
              </Typography>
              <ReconciliationDifferences runId={run.id} currency={run.currency} stored={run.differencesStored ?? 0} total={run.differencesCount ?? 0} />
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

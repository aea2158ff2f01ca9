import { Alert, Box, Card, CardContent, LinearProgress, Link, Skeleton, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { JobStatusChip } from '../jobs/JobStatusChip';
import { formatDateTime, formatTime } from '../../app/formatDateTime';
import { RunbookReport } from './RunbookReport';
import { useRun, useRunLogTail } from './useRunbooks';

/** One run as it happens: status, progress, the live output (its job's log), then the result or the error. */
export function RunOutput({ runId }: { runId: string }) {
  const run = useRun(runId);
  if (run.isPending) return <Skeleton variant="rectangular" height={160} aria-label="Loading the run" />;
  if (run.error) return <Alert severity="error">{errorMessage(run.error)}</Alert>;
  const data = run.data;
  const percent = data.progress?.total ? Math.min(100, Math.round((data.progress.done / data.progress.total) * 100)) : null;
  return (
    <Card variant="outlined" component="section" aria-label="Run output">
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography variant="h6" component="h2">
              Run
            </Typography>
            <JobStatusChip status={data.status} />
            <Typography variant="body2" color="text.secondary">
              by {data.requestedBy?.email ?? 'the system'} · {formatDateTime(data.queuedAt)}
            </Typography>
            {data.jobId && (
              <Link component={RouterLink} to={`/jobs/${data.jobId}/show`} variant="body2">
                Open its job
              </Link>
            )}
          </Stack>
          {data.status === 'running' && <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label="Run progress" />}
          <RunLog runId={runId} />
          {data.error && <Alert severity={data.status === 'cancelled' ? 'warning' : 'error'}>{data.error}</Alert>}
          {data.result && <RunbookReport report={data.result} heading="Result" />}
        </Stack>
      </CardContent>
    </Card>
  );
}

function RunLog({ runId }: { runId: string }) {
  const log = useRunLogTail(runId);
  if (log.isPending) return <Skeleton variant="rectangular" height={80} aria-label="Loading the output" />;
  if (log.error) return <Alert severity="error">{errorMessage(log.error)}</Alert>;
  if (log.lines.length === 0) return <Typography color="text.secondary">No output yet.</Typography>;
  return (
    <Box
      component="ol"
      aria-label="Live output"
      aria-live="polite"
      sx={{ m: 0, p: 1, listStyle: 'none', fontFamily: 'monospace', fontSize: 13, maxHeight: 360, overflow: 'auto', contain: 'inline-size', bgcolor: 'action.hover', borderRadius: 1, overflowWrap: 'anywhere' }}
    >
      {log.lines.map((line) => (
        <li key={line.seq}>
          <Box component="span" color="text.secondary">
            {formatTime(line.at)}{' '}
          </Box>
          <Box component="span" color={line.level === 'error' ? 'error.main' : line.level === 'warn' ? 'warning.main' : undefined}>
            {line.text}
          </Box>
        </li>
      ))}
    </Box>
  );
}

import { Box, LinearProgress, Typography } from '@mui/material';
import { hasProgress, progressPercent, progressText } from './jobLabels';

/**
 * The bar (indeterminate while the total is unknown) with the count beside it, readable by
 * screen readers. A finished job that never counted anything (most scheduled ones) has no
 * progress to show: a dash, not an empty bar and a "0".
 */
export function JobProgress({ job }: { job: { progressDone: number; progressTotal: number | null; status: string } }) {
  if (!hasProgress(job)) {
    return <Typography variant="body2" color="text.secondary" aria-label="No progress counted">—</Typography>;
  }
  const percent = progressPercent(job);
  const label = `Progress: ${progressText(job)}`;
  return (
    <Box display="flex" alignItems="center" gap={1} minWidth={120}>
      <Box flexGrow={1}>
        <LinearProgress
          aria-label={label}
          variant={percent === null && job.status === 'running' ? 'indeterminate' : 'determinate'}
          value={percent ?? 0}
        />
      </Box>
      <Typography variant="body2" color="text.secondary" noWrap data-testid="job-progress-text">
        {progressText(job)}
      </Typography>
    </Box>
  );
}

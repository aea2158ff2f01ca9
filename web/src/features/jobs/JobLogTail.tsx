import { Alert, Box, Skeleton, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { formatTime } from '../../app/formatDateTime';
import { useJobLogTail } from './useJob';

/** The job's log, oldest first, following new lines while it runs; says where lines were dropped to keep it bounded. */
export function JobLogTail({ id }: { id: string }) {
  const log = useJobLogTail(id);
  if (log.isPending) return <Skeleton variant="rectangular" height={120} aria-label="Loading the log" />;
  if (log.error) return <Alert severity="error">{errorMessage(log.error)}</Alert>;
  if (log.lines.length === 0) return <Typography color="text.secondary">Nothing logged yet.</Typography>;
  return (
    <Box
      component="ol"
      aria-label="Job log"
      aria-live="polite"
      sx={{ m: 0, p: 1, listStyle: 'none', fontFamily: 'monospace', fontSize: 13, maxHeight: 420, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1, overflowWrap: 'anywhere' }}
    >
      {log.lines.map((line, index) => {
        const gap = index > 0 && line.seq > log.lines[index - 1]!.seq + 1;
        return (
          <li key={line.seq}>
            {gap && <Typography variant="caption" color="warning.main" component="div">… {line.seq - log.lines[index - 1]!.seq - 1} lines dropped to keep the log bounded …</Typography>}
            <Box component="span" color="text.secondary">{formatTime(line.at)} </Box>
            <Box component="span" color={line.level === 'error' ? 'error.main' : line.level === 'warn' ? 'warning.main' : undefined}>
              {line.text}
            </Box>
          </li>
        );
      })}
    </Box>
  );
}

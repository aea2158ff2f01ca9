import type { TReconciliationRun } from '@opsdesk/shared';
import { Alert, Chip, List, ListItem, ListItemButton, ListItemText, Skeleton, Stack, Typography } from '@mui/material';
import { errorMessage } from '../../../app/trpcErrors';
import { dayLabel } from '../periodWords';
import { formatSignedMoney } from '../revenueFormat';
import { STATUS_LABELS } from './reconciliationText';

/** The latest runs (any day, anyone's): choosing one shows it. */
export function ReconciliationRecentRuns({ runs, error, selectedId, onSelect }: { runs: TReconciliationRun[] | undefined; error: unknown; selectedId: string | null; onSelect: (runId: string) => void }) {
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  if (!runs) return <Skeleton variant="rounded" height={120} role="status" aria-label="Loading recent runs" />;
  if (runs.length === 0) return <Typography color="text.secondary">No reconciliation has been run yet. Choose a day and start one.</Typography>;
  return (
    <List aria-label="Recent reconciliations" dense disablePadding>
      {runs.map((run) => (
        <ListItem key={run.id} disablePadding>
          <ListItemButton selected={run.id === selectedId} onClick={() => onSelect(run.id)} divider>
            <ListItemText
              slotProps={{ primary: { component: 'div' } }}
              primary={
                <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                  <span>{dayLabel(run.day)}</span>
                  <Chip size="small" label={STATUS_LABELS[run.status]} />
                  {run.totals && <span>{formatSignedMoney(run.totals.differenceCents, run.currency)}</span>}
                </Stack>
              }
              secondary={`${run.requestedBy.name}, ${new Date(run.createdAt).toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC`}
            />
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}

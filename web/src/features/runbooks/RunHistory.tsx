import { List, ListItem, ListItemButton, ListItemText } from '@mui/material';
import type { RunbookRunSummary } from '@opsdesk/shared';
import { JobStatusChip } from '../jobs/JobStatusChip';
import { formatDateTime } from '../../app/formatDateTime';

/** Runs, newest first: who, when, what it planned or found; choosing one shows its output. */
export function RunHistory({ runs, selectedId, onSelect, showTitle = false }: { runs: RunbookRunSummary[]; selectedId?: string | null; onSelect: (run: RunbookRunSummary) => void; showTitle?: boolean }) {
  return (
    <List dense disablePadding aria-label="Runs">
      {runs.map((run) => (
        <ListItem key={run.id} disablePadding>
          <ListItemButton selected={run.id === selectedId} onClick={() => onSelect(run)} sx={{ px: 1, gap: 1, alignItems: 'flex-start' }}>
            <ListItemText
              sx={{ overflowWrap: 'anywhere' }}
              primary={`${showTitle ? `${run.title}: ` : ''}${run.resultSummary ?? run.error ?? run.planSummary}`}
              secondary={`${run.requestedBy?.email ?? 'System'} · ${formatDateTime(run.queuedAt)} · ${run.target}`}
            />
            <JobStatusChip status={run.status} />
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}

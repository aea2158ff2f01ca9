import { List, ListItem, ListItemText, Typography } from '@mui/material';
import type { TPrivacyRequestDetail } from '@opsdesk/shared';
import { formatDateTime } from '../../app/formatDateTime';
import { SectionCard } from '../../app/SectionCard';

/** The request's history as the audit log records it, oldest first. */
export function RequestHistory({ history }: { history: TPrivacyRequestDetail['history'] }) {
  return (
    <SectionCard title="History">
      {history.length === 0 ? (
        <Typography color="text.secondary">Nothing recorded yet.</Typography>
      ) : (
        <List dense disablePadding aria-label="Request history">
          {history.map((entry, index) => (
            <ListItem key={`${entry.at}-${index}`} disableGutters>
              <ListItemText primary={entry.summary} secondary={`${formatDateTime(entry.at)} · ${entry.actorLabel}`} primaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }} />
            </ListItem>
          ))}
        </List>
      )}
    </SectionCard>
  );
}

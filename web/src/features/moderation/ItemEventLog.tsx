import { Card, CardContent, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ModerationItemData } from './itemTypes';
import { EVENT_LABELS, formatDateTime } from './moderationText';

/** The subject's append-only log, newest first: reports, claims, decisions, appeals, reversals, notes, rule hits. */
export function ItemEventLog({ events }: { events: ModerationItemData['events'] }) {
  return (
    <Card variant="outlined" component="section" aria-label="Event log">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Event log
        </Typography>
        {events.length === 0 ? (
          <Typography color="text.secondary">Nothing logged yet.</Typography>
        ) : (
          <List dense disablePadding>
            {events.map((event) => (
              <ListItem key={event.id} disableGutters>
                <ListItemText
                  primary={`${EVENT_LABELS[event.kind] ?? event.kind}${event.automated ? ' (automated)' : ''}`}
                  secondary={`${formatDateTime(event.createdAt)} · ${event.actorLabel}`}
                  secondaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

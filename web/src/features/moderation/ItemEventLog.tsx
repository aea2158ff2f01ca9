import { Card, CardContent, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ModerationItemData } from './itemTypes';
import { eventLine } from './eventText';
import { formatDateTime } from './moderationText';

type LoggedEvent = ModerationItemData['events'][number];

/**
 * The subject's append-only log, newest first: reports, claims, decisions, appeals,
 * reversals, notes, rule hits. Shadow rule hits are there for the record but muted and
 * collapsed (what matched stays behind a toggle), so an untested rule's verdict does not
 * sway the decision that will measure its precision.
 */
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
              <EventRow key={event.id} event={event} />
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

function EventRow({ event }: { event: LoggedEvent }) {
  const line = eventLine(event);
  const when = `${formatDateTime(event.createdAt)} · ${event.actorLabel}`;
  if (!line.shadow) {
    const matched = line.because.length > 0 ? ` · matched ${line.because.join(', ')}` : '';
    return (
      <ListItem disableGutters>
        <ListItemText primary={line.text} secondary={`${when}${matched}`} secondaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }} />
      </ListItem>
    );
  }
  return (
    <ListItem disableGutters>
      <Typography component="details" variant="body2" color="text.secondary" sx={{ width: '100%', py: 0.5, overflowWrap: 'anywhere', '& > summary': { cursor: 'pointer', fontStyle: 'italic' } }}>
        <summary>{line.text}</summary>
        <Typography component="span" variant="caption" display="block">
          {formatDateTime(event.createdAt)}
          {line.because.length > 0 ? ` · matched ${line.because.join(', ')}` : ''}
        </Typography>
      </Typography>
    </ListItem>
  );
}

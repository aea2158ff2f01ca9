import { Alert, Button, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import type { RunbookTemporaryChange } from '@opsdesk/shared';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { formatDateTime } from '../../app/formatDateTime';
import { durationInWords } from './formatRunbookValue';
import { useRevertNow } from './useRunbooks';

/** Temporary changes still in place, with the time left before they revert themselves and "Revert now". */
export function TemporaryChangesList({ changes, emptyText }: { changes: RunbookTemporaryChange[]; emptyText: string }) {
  const inPlace = changes.filter((change) => change.status !== 'reverted');
  const now = useNow(15_000);
  if (inPlace.length === 0) return <Typography color="text.secondary">{emptyText}</Typography>;
  return (
    <List dense disablePadding aria-label="Active temporary changes">
      {inPlace.map((change) => (
        <ListItem key={change.id} disableGutters sx={{ flexWrap: 'wrap', gap: 1 }} secondaryAction={undefined}>
          <ListItemText
            sx={{ flex: '1 1 240px', overflowWrap: 'anywhere' }}
            primary={`${change.title}: ${change.description}`}
            secondary={
              change.status === 'cancelled'
                ? 'Its automatic revert was cancelled on the Jobs page: it stays until reverted.'
                : `Reverts itself in ${durationInWords(Math.max(0, new Date(change.expiresAt).getTime() - now))} (${formatDateTime(change.expiresAt)})`
            }
          />
          <RevertNowButton change={change} />
        </ListItem>
      ))}
    </List>
  );
}

function RevertNowButton({ change }: { change: RunbookTemporaryChange }) {
  const revert = useRevertNow();
  return (
    <Stack alignItems="flex-end" spacing={0.5}>
      <Button size="small" variant="outlined" color="warning" disabled={revert.isPending} onClick={() => revert.mutate({ id: change.id })} aria-label={`Revert now: ${change.description}`}>
        {revert.isPending ? 'Reverting…' : 'Revert now'}
      </Button>
      {revert.error && <Alert severity="error">{errorMessage(revert.error)}</Alert>}
    </Stack>
  );
}

/** The time, refreshed every `ms`, so "time left" counts down without a request. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

import SkipNextIcon from '@mui/icons-material/SkipNext';
import { Alert, Button, Stack } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { SHORTCUTS } from '../../app/keyboardShortcuts';
import { useKeyShortcut } from '../../app/useKeyShortcut';
import { useNextItem } from './useNextItem';

/** The "Next item" button and its `n` shortcut, for those who may decide; says so when the queue is empty. */
const NEXT_KEY = SHORTCUTS.nextItem.keys[0].toLowerCase();

export function NextItemButton({ reasonGroup, variant = 'contained' }: { reasonGroup?: string; variant?: 'contained' | 'outlined' }) {
  const { canAccess } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const next = useNextItem(reasonGroup);
  useKeyShortcut((key) => key === NEXT_KEY, next.take, canAccess === true);
  if (!canAccess) return null;
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Button variant={variant} size="small" startIcon={<SkipNextIcon />} onClick={next.take} disabled={next.isPending} aria-keyshortcuts={NEXT_KEY}>
        Next item ({NEXT_KEY})
      </Button>
      {next.empty && <Alert severity="info">Nothing to claim: the queue{reasonGroup ? ' for this reason group' : ''} is empty.</Alert>}
      {next.error && <Alert severity="error">{next.error}</Alert>}
    </Stack>
  );
}

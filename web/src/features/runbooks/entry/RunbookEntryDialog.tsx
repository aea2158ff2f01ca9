import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography, useMediaQuery, useTheme } from '@mui/material';
import { useId } from 'react';
import { MarkdownView } from './MarkdownView';
import { runbookEntry } from './runbookDoc';

/**
 * One entry of docs/runbook.md (symptom, where to look, the action, rollback) over the
 * page that links it, so on-call reads it without leaving the action or the alert.
 * Escape, the Close button or a click outside closes it; full screen on a phone.
 */
export function RunbookEntryDialog({ anchor, open, onClose }: { anchor: string; open: boolean; onClose: () => void }) {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const titleId = useId();
  const entry = runbookEntry(anchor);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} fullScreen={phone} maxWidth="md" fullWidth scroll="paper">
      <DialogTitle id={titleId} component="h2">
        {entry?.title ?? 'Runbook entry'}
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="caption" color="text.secondary" component="p" mb={1.5}>
          docs/runbook.md#{anchor}
        </Typography>
        {entry ? <MarkdownView blocks={entry.blocks} entryLevel={entry.level} /> : <Alert severity="warning">The runbook has no entry “{anchor}”: docs/runbook.md may have been edited since this action was written.</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useId } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';

/** "Are you sure?" for archiving, cancelling a schedule and revoking a key; the server's refusal shows inside. */
export function FlagConfirmDialog(props: { open: boolean; title: string; text: string; confirmLabel: string; pending: boolean; error: unknown; onConfirm: () => void; onClose: () => void }) {
  const titleId = useId();
  const layout = useDialogLayout();
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={titleId} maxWidth="xs" {...layout}>
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.text}</DialogContentText>
        {props.error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorMessage(props.error)}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Keep it</Button>
        <Button variant="contained" color="error" disabled={props.pending} onClick={props.onConfirm}>
          {props.pending ? 'Working…' : props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

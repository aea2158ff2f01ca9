import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import type { RiskTier } from '@opsdesk/shared';
import { useId, useState, type FormEvent } from 'react';
import { useDialogLayout } from '../../app/useDialogLayout';

/**
 * Confirmation before a run, per risk tier (the server checks the same): low, a click;
 * medium, a reason; high, a reason and the target typed out. Enter submits, Escape
 * cancels; the server's refusal (a stale plan, a held lock) shows inline.
 */
export function RunConfirmDialog(props: {
  open: boolean;
  title: string;
  target: string;
  risk: RiskTier;
  steps: number;
  pending: boolean;
  error: string | null;
  onConfirm: (confirm: { reason?: string; confirmation?: string }) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const titleId = useId();
  const dialogLayout = useDialogLayout();
  const needsReason = props.risk !== 'low';
  const needsTyped = props.risk === 'high';
  const reasonMissing = needsReason && reason.trim() === '';
  const typedWrong = needsTyped && typed.trim().toLowerCase() !== props.target.toLowerCase();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (reasonMissing || typedWrong) return;
    props.onConfirm({ reason: needsReason ? reason.trim() : undefined, confirmation: needsTyped ? typed.trim() : undefined });
  };
  const close = () => {
    setReason('');
    setTyped('');
    setSubmitted(false);
    props.onClose();
  };

  return (
    <Dialog open={props.open} onClose={close} aria-labelledby={titleId} maxWidth="sm" {...dialogLayout}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Run “{props.title}”?</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              This runs the plan you see ({props.steps} step{props.steps === 1 ? '' : 's'}) on <strong>{props.target}</strong>. It is refused if the live state changed since the plan.
            </DialogContentText>
            {needsReason && (
              <TextField
                autoFocus
                label="Reason"
                multiline
                minRows={2}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                error={submitted && reasonMissing}
                helperText={submitted && reasonMissing ? 'A reason is required for this action.' : 'Kept on the audit log.'}
                inputProps={{ maxLength: 1000 }}
                fullWidth
              />
            )}
            {needsTyped && (
              <TextField
                label={`Type ${props.target} to confirm`}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                error={submitted && typedWrong}
                helperText={submitted && typedWrong ? `Type ${props.target} exactly.` : ' '}
                inputProps={{ maxLength: 200 }}
                fullWidth
              />
            )}
            {props.error && <Alert severity="error">{props.error}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus={!needsReason}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" color={props.risk === 'low' ? 'primary' : 'warning'} disabled={props.pending}>
            {props.pending ? 'Starting…' : 'Run now'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

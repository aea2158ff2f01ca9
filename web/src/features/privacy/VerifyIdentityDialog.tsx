import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { PRIVACY_VERIFICATION_METHODS, ZPrivacyVerifyRequestSchema, type TPrivacyVerificationMethod } from '@opsdesk/shared';
import { useId, useState, type FormEvent } from 'react';
import { LimitedTextField } from '../../app/LimitedTextField';
import { checkText } from '../../app/textCheck';
import { errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';
import { VERIFICATION_LABELS } from './privacyText';
import { useVerifyIdentity } from './usePrivacy';

const NOTE_SCHEMA = ZPrivacyVerifyRequestSchema.shape.note;

/** Records how the person's identity was checked: a step someone took and signs, never assumed. */
export function VerifyIdentityDialog({ requestId, open, onClose }: { requestId: string; open: boolean; onClose: () => void }) {
  const [method, setMethod] = useState<TPrivacyVerificationMethod>('email_confirmation');
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const verify = useVerifyIdentity();
  const layout = useDialogLayout();
  const titleId = useId();
  const check = checkText(note, NOTE_SCHEMA);
  const close = () => {
    setNote('');
    setSubmitted(false);
    verify.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (check.error || verify.isPending) return;
    verify.mutate({ requestId, method, note }, { onSuccess: close });
  };
  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth="sm" {...layout}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Verify identity</DialogTitle>
        <DialogContent>
          <DialogContentText gutterBottom>Record how you made sure the request comes from the person whose data it is.</DialogContentText>
          <TextField select fullWidth margin="dense" label="Method" value={method} onChange={(event) => setMethod(event.target.value as TPrivacyVerificationMethod)}>
            {PRIVACY_VERIFICATION_METHODS.map((value) => (
              <MenuItem key={value} value={value}>
                {VERIFICATION_LABELS[value]}
              </MenuItem>
            ))}
          </TextField>
          <LimitedTextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label="What was checked"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            check={check}
            showError={submitted || note !== ''}
            hint="e.g. replied from the account’s address on 3 May"
          />
          {verify.error && <Alert severity="error">{errorMessage(verify.error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={verify.isPending}>
            Mark identity verified
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

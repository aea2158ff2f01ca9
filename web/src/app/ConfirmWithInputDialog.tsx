import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useId, useState, type FormEvent } from 'react';

/**
 * A confirmation that needs one typed value: the reason for disabling someone, a new
 * password, the name of a saved filter. Enter submits, Escape cancels; the server's
 * message shows inline.
 */
export interface ConfirmWithInputDialogProps {
  open: boolean;
  title: string;
  description: string;
  inputLabel: string;
  inputType?: 'text' | 'password';
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  validate: (value: string) => string | null;
  onConfirm: (value: string) => void;
  onClose: () => void;
}

export function ConfirmWithInputDialog(props: ConfirmWithInputDialogProps) {
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const titleId = useId();
  const problem = touched ? props.validate(value) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!props.validate(value)) props.onConfirm(value);
  };
  const close = () => {
    setValue('');
    setTouched(false);
    props.onClose();
  };

  return (
    <Dialog open={props.open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText gutterBottom>{props.description}</DialogContentText>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label={props.inputLabel}
            type={props.inputType ?? 'text'}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            error={problem !== null}
            helperText={problem ?? ' '}
            autoComplete={props.inputType === 'password' ? 'new-password' : 'off'}
          />
          {props.error && <Alert severity="error">{props.error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={props.pending}>
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { z } from 'zod';
import { useId, useState, type FormEvent } from 'react';
import { LimitedTextField } from './LimitedTextField';
import { checkText } from './textCheck';

/**
 * A confirmation that needs one typed value: the reason for disabling someone, a new
 * password, the name of a saved filter. The value is checked against the shared schema
 * the server applies as it is typed, with a counter for its length limit. Enter
 * submits, Escape cancels; the server's message shows inline.
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
  /** The shared schema of the value (its limits and messages are the server's). */
  schema: z.ZodType;
  /** Said when submitted empty, instead of the schema's own message. */
  requiredMessage?: string;
  onConfirm: (value: string) => void;
  onClose: () => void;
}

export function ConfirmWithInputDialog(props: ConfirmWithInputDialogProps) {
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const titleId = useId();
  const check = checkText(value, props.schema, { requiredMessage: props.requiredMessage });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!check.error) props.onConfirm(value);
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
          <LimitedTextField
            autoFocus
            fullWidth
            margin="dense"
            label={props.inputLabel}
            type={props.inputType ?? 'text'}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            check={check}
            showError={touched || value !== ''}
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

import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useId, useState, type FormEvent } from 'react';
import { errorData, errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';
import { checkFlagForm, serverFieldErrors, type FlagFormErrors, type FlagFormValues } from './flagForm';
import { FlagFormFields } from './FlagFormFields';
import type { FlagDetail } from './FlagShow';
import { useUpdateFlag } from './useFlags';
import type { OwnerOption } from './useOwnerOptions';

/** Edit the flag's details (description, type, owner, tags); the change is audited with before and after. */
export function FlagEditDialog({ flag, owners, open, onClose }: { flag: FlagDetail; owners: OwnerOption[]; open: boolean; onClose: () => void }) {
  const titleId = useId();
  const layout = useDialogLayout();
  const initial: FlagFormValues = { key: flag.key, description: flag.description, type: flag.type, ownerId: flag.ownerId ?? '', tags: flag.tags.join(', ') };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FlagFormErrors>({});
  const update = useUpdateFlag();

  const close = () => {
    setValues(initial);
    setErrors({});
    update.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkFlagForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const { key, description, type, ownerId, tags } = checked.request;
    update.mutate(
      { key, description, type, ownerId, tags },
      { onSuccess: () => onClose(), onError: (error) => setErrors(serverFieldErrors(errorData(error), errorMessage(error))) },
    );
  };
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth="sm" {...layout}>
      <form onSubmit={submit} noValidate aria-label="Edit details">
        <DialogTitle id={titleId}>Edit details of {flag.key}</DialogTitle>
        <DialogContent>
          <FlagFormFields values={values} errors={errors} owners={owners} creating={false} onChange={setValues} />
          {update.error && !hasFieldErrors && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(update.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save details'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

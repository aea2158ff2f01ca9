import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useId, useState } from 'react';
import { useCanAccess } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { useCancelJob } from './useJob';

/** Cancel, with a confirmation that says what happens to work already done. Shown only to jobs.manage. */
export function CancelJobButton({ id, running }: { id: string; running: boolean }) {
  const { canAccess } = useCanAccess({ resource: 'jobs', action: 'cancel' });
  const [open, setOpen] = useState(false);
  const cancel = useCancelJob(id);
  const titleId = useId();
  if (!canAccess) return null;
  return (
    <>
      <Button color="warning" variant="outlined" onClick={() => setOpen(true)}>
        Cancel job
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="xs">
        <DialogTitle id={titleId}>Cancel this job?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {running ? 'The job stops at its next step. What it has already done stays done.' : 'The job has not started; it will not run.'} The cancel is recorded on the audit log.
          </DialogContentText>
          {cancel.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(cancel.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Keep it running</Button>
          <Button color="warning" variant="contained" disabled={cancel.isPending} onClick={() => cancel.mutate({ id }, { onSuccess: () => setOpen(false) })}>
            Cancel job
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

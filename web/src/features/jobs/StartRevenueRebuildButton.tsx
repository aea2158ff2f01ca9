import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useId, useState } from 'react';
import { useCanAccess } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { useStartRevenueRebuild } from './useJob';

/**
 * Starts revenue.rebuild after a confirmation saying what it does, then opens its job's
 * page (the one already queued or running, if any: the server never starts a second).
 * Shown only to jobs.manage.
 */
export function StartRevenueRebuildButton({ size = 'medium' }: { size?: 'small' | 'medium' }) {
  const { canAccess } = useCanAccess({ resource: 'jobs', action: 'create' });
  const [open, setOpen] = useState(false);
  const start = useStartRevenueRebuild();
  const navigate = useNavigate();
  const titleId = useId();
  if (!canAccess) return null;
  return (
    <>
      <Button variant="outlined" size={size} onClick={() => setOpen(true)}>
        Rebuild revenue
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="xs">
        <DialogTitle id={titleId}>Rebuild revenue?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Rebuilds every customer&apos;s MRR timeline and the rollups from the subscription history, with the revenue settings in force. Dashboards stay readable while it runs, but show
            partial figures until it finishes. If a rebuild is already queued or running, you are taken to it instead. The start is recorded on the audit log.
          </DialogContentText>
          {start.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(start.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Not now</Button>
          <Button variant="contained" disabled={start.isPending} onClick={() => start.mutate({}, { onSuccess: ({ id }) => navigate(`/jobs/${id}/show`) })}>
            Start the rebuild
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

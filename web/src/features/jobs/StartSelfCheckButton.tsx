import { Alert, Button } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { useStartSelfCheck } from './useJob';

/** Starts the built-in self-check (ten steps, half a second apart) and opens its page. Shown only to jobs.manage. */
export function StartSelfCheckButton({ size = 'medium' }: { size?: 'small' | 'medium' }) {
  const { canAccess } = useCanAccess({ resource: 'jobs', action: 'create' });
  const start = useStartSelfCheck();
  const navigate = useNavigate();
  if (!canAccess) return null;
  return (
    <>
      <Button variant="contained" size={size} disabled={start.isPending} onClick={() => start.mutate({ steps: 10, stepMs: 500 }, { onSuccess: ({ id }) => navigate(`/jobs/${id}/show`) })}>
        Run a self-check
      </Button>
      {start.error && <Alert severity="error">{errorMessage(start.error)}</Alert>}
    </>
  );
}

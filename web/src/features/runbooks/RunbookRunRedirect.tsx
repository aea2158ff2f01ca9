import { Alert, Skeleton } from '@mui/material';
import { Navigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { useRun } from './useRunbooks';

/**
 * `#/runbook-runs/<runId>`: where an audit entry about a run links. A run is read on its
 * action's page (`/runbooks/<action>/show?run=<id>`), and the audit target names only the
 * run: its action is looked up here, then the address is replaced.
 */
export default function RunbookRunRedirect() {
  const { runId = '' } = useParams();
  const run = useRun(runId);
  if (run.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(run.error)}</Alert>;
  if (!run.data) return <Skeleton variant="rounded" height={240} role="status" aria-label="Loading the run" sx={{ mt: 2 }} />;
  return <Navigate replace to={`/runbooks/${encodeURIComponent(run.data.action)}/show?run=${encodeURIComponent(run.data.id)}`} />;
}

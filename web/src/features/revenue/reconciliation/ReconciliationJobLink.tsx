import { Link, Typography } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

/**
 * The job that runs a reconciliation: its id, linking to its page on the Jobs console
 * (log, attempts) for those who may read jobs; finance sees the id only, to quote it.
 */
export function ReconciliationJobLink({ jobId }: { jobId: string | null }) {
  const { canAccess } = useCanAccess({ resource: 'jobs', action: 'show' });
  if (!jobId) return null;
  const label = `Job ${jobId.slice(0, 8)}`;
  return (
    <Typography variant="body2" color="text.secondary">
      {canAccess ? (
        <Link component={RouterLink} to={`/jobs/${jobId}/show`} aria-label={`Open job ${jobId}`}>
          {label}
        </Link>
      ) : (
        <span title={jobId}>{label}</span>
      )}
    </Typography>
  );
}

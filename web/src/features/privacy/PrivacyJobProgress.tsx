import { Box, LinearProgress, Link, Stack, Typography } from '@mui/material';
import type { TPrivacyRequest } from '@opsdesk/shared';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { JobProgress } from '../jobs/JobProgress';
import { JOB_STATUS_LABELS } from '../jobs/jobLabels';
import { usePrivacyJob } from './usePrivacy';

/**
 * The running export or erasure: the job's own progress for those who may read jobs; for
 * the others a bar that follows the request's status (the request page polls it).
 */
export function PrivacyJobProgress({ request, what }: { request: TPrivacyRequest; what: string }) {
  const { canAccess: canReadJobs } = useCanAccess({ resource: 'jobs', action: 'show' });
  const job = usePrivacyJob(request.jobId, canReadJobs === true);
  const running = request.status === 'approved' || request.status === 'in_progress';
  return (
    <Stack spacing={1} role="status" aria-label={`${what} progress`}>
      <Typography>
        {running ? `${what}: running.` : `${what}: finished.`}
        {job.data && ` Job ${JOB_STATUS_LABELS[job.data.status].toLowerCase()}.`}
      </Typography>
      {job.data ? (
        <JobProgress job={job.data} />
      ) : (
        running && (
          <Box maxWidth={480}>
            <LinearProgress aria-label={`${what} running`} />
          </Box>
        )
      )}
      {canReadJobs && request.jobId && (
        <Link component={RouterLink} to={`/jobs/${request.jobId}/show`} variant="body2">
          Open the job and its log
        </Link>
      )}
    </Stack>
  );
}

import { Box, LinearProgress, Link, Stack, Typography } from '@mui/material';
import type { TPrivacyRequestDetail } from '@opsdesk/shared';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { JobProgress } from '../jobs/JobProgress';
import { JOB_STATUS_LABELS } from '../jobs/jobLabels';
import { usePrivacyJob } from './usePrivacy';

/**
 * The running export or erasure: the job's progress as the request's page carries it (the
 * page polls it), or the job's own row for those who may read jobs (fresher); a link to the
 * job and its log for them.
 */
export function PrivacyJobProgress({ request, what }: { request: TPrivacyRequestDetail; what: string }) {
  const { canAccess: canReadJobs } = useCanAccess({ resource: 'jobs', action: 'show' });
  const own = usePrivacyJob(request.jobId, canReadJobs === true);
  const job = { data: own.data ?? request.job ?? undefined };
  const running = request.status === 'approved' || request.status === 'in_progress';
  return (
    <Stack spacing={1} role="status" aria-label={`${what} progress`}>
      <Typography>
        {running ? `${what}: running.` : `${what}: finished.`}
        {job.data && ` Job ${JOB_STATUS_LABELS[job.data.status as keyof typeof JOB_STATUS_LABELS].toLowerCase()}.`}
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

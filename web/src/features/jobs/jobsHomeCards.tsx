import { List, ListItemText } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../app/formatDateTime';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { ListItemLink } from '../../app/ListItemLink';
import { trpc } from '../../app/trpcClient';
import { JobStatusChip } from './JobStatusChip';
import { useJobKindTitle } from './useJob';

/** For on-call: what runs now (read again every 5 s while anything does) and what people ran last. */
function RunningJobsCard() {
  const running = useQuery({ ...trpc.jobs.list.queryOptions({ status: 'running', limit: 5 }), refetchInterval: (query) => ((query.state.data?.jobs.length ?? 0) > 0 ? 5_000 : false) });
  const jobs = running.data?.jobs ?? [];
  return (
    <HomeCard
      title="Running jobs"
      action={<HomeCardLink to="/jobs">Open Jobs</HomeCardLink>}
    >
      <HomeCardState isPending={running.isPending} error={running.error} empty={jobs.length === 0} emptyText="No job is running.">
        <JobLinks jobs={jobs} />
      </HomeCardState>
    </HomeCard>
  );
}

/** Runs someone started: the scheduled housekeeping (several a minute) would fill the card otherwise. */
function RecentJobsCard() {
  const recent = useQuery(trpc.jobs.list.queryOptions({ startedBy: 'staff', limit: 5 }));
  const jobs = recent.data?.jobs ?? [];
  return (
    <HomeCard title="Recent jobs">
      <HomeCardState isPending={recent.isPending} error={recent.error} empty={jobs.length === 0} emptyText="No one has started a job yet.">
        <JobLinks jobs={jobs} />
      </HomeCardState>
    </HomeCard>
  );
}

function JobLinks({ jobs }: { jobs: { id: string; kind: string; status: Parameters<typeof JobStatusChip>[0]['status']; queuedAt: string; startedBy: { name: string } | null }[] }) {
  const kindTitle = useJobKindTitle();
  return (
    <List dense disablePadding>
      {jobs.map((job) => (
        <ListItemLink key={job.id} to={`/jobs/${job.id}/show`} sx={{ px: 0, gap: 1 }}>
          <ListItemText primary={kindTitle(job.kind)} secondary={`${job.startedBy?.name ?? 'System'} · ${formatDateTime(job.queuedAt)}`} />
          <JobStatusChip status={job.status} />
        </ListItemLink>
      ))}
    </List>
  );
}

export const jobsHomeCards: HomeCardDefinition[] = [
  { id: 'jobs-running', permission: 'jobs.read', leadsFor: ['oncall'], order: 40, Card: RunningJobsCard },
  { id: 'jobs-recent', permission: 'jobs.read', order: 45, Card: RecentJobsCard },
];

import { Stack, Typography } from '@mui/material';
import { JOB_STATUSES, type JobSummary } from '@opsdesk/shared';
import { Datagrid, DateField, FunctionField, List, SelectInput, SimpleList, TextField, TopToolbar, useListContext } from 'react-admin';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { JOB_STATUS_LABELS } from './jobLabels';
import { JobProgress } from './JobProgress';
import { JobStatusChip } from './JobStatusChip';
import { StartRevenueRebuildButton } from './StartRevenueRebuildButton';
import { StartSelfCheckButton } from './StartSelfCheckButton';
import { useJobKinds } from './useJob';

const STATUS_CHOICES = JOB_STATUSES.map((status) => ({ id: status, name: JOB_STATUS_LABELS[status] }));

function KindFilter(props: { source: string; label: string; alwaysOn?: boolean }) {
  const kinds = useJobKinds();
  return <SelectInput {...props} choices={(kinds.data ?? []).map((kind) => ({ id: kind.name, name: kind.title }))} isPending={kinds.isPending} />;
}

const jobFilters = [<SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />, <KindFilter key="kind" source="kind" label="Kind" alwaysOn />];

function JobsEmpty() {
  const { filterValues } = useListContext();
  const filtered = Object.values(filterValues).some(Boolean);
  return <Typography p={2}>{filtered ? 'No job matches these filters.' : 'No job has run yet.'}</Typography>;
}

const startedBy = (job: JobSummary) => job.startedBy?.name ?? 'System';

function JobSimpleList() {
  return (
    <SimpleList<JobSummary>
      rowClick="show"
      primaryText={(job) => job.kind}
      secondaryText={(job) => `${startedBy(job)} · ${new Date(job.queuedAt).toLocaleString()}`}
      tertiaryText={(job) => <JobStatusChip status={job.status} />}
      empty={<JobsEmpty />}
    />
  );
}

function JobDatagrid() {
  return (
    <Datagrid rowClick="show" bulkActionButtons={false} empty={<JobsEmpty />}>
      <DateField source="queuedAt" label="Queued" showTime sortable={false} />
      <TextField source="kind" sortable={false} />
      <FunctionField<JobSummary> label="Status" sortable={false} render={(job) => <JobStatusChip status={job.status} />} />
      <FunctionField<JobSummary> label="Progress" sortable={false} render={(job) => <JobProgress job={job} />} />
      <FunctionField<JobSummary> label="Started by" sortable={false} render={startedBy} />
      <DateField source="finishedAt" label="Finished" showTime sortable={false} emptyText="—" />
    </Datagrid>
  );
}

/** Every durable job, newest first: filter by status and kind; a row opens the job's page. */
export default function JobList() {
  const phone = usePhoneLayout();
  return (
    <List
      title="Jobs"
      perPage={25}
      exporter={false}
      empty={false}
      filters={jobFilters}
      actions={
        <TopToolbar>
          <Stack direction="row" spacing={1} alignItems="center">
            <StartRevenueRebuildButton />
            <StartSelfCheckButton />
          </Stack>
        </TopToolbar>
      }
    >
      {phone ? <JobSimpleList /> : <JobDatagrid />}
    </List>
  );
}

import { Stack, Typography } from '@mui/material';
import { JOB_STATUSES, type JobSummary } from '@opsdesk/shared';
import { BooleanInput, Datagrid, FilterButton, FunctionField, List, SelectInput, SimpleList, TopToolbar, useListContext } from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { RecordLink } from '../../app/RecordLink';
import { DateTimeField } from '../../app/DateTimeField';
import { formatDateTime } from '../../app/formatDateTime';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { JOB_STATUS_LABELS } from './jobLabels';
import { JobProgress } from './JobProgress';
import { JobStatusChip } from './JobStatusChip';
import { StartRevenueRebuildButton } from './StartRevenueRebuildButton';
import { StartSelfCheckButton } from './StartSelfCheckButton';
import { useJobKinds, useJobKindTitle } from './useJob';

const STATUS_CHOICES = JOB_STATUSES.map((status) => ({ id: status, name: JOB_STATUS_LABELS[status] }));

function KindFilter(props: { source: string; label: string; alwaysOn?: boolean }) {
  const kinds = useJobKinds();
  return <SelectInput {...props} choices={(kinds.data ?? []).map((kind) => ({ id: kind.name, name: kind.title }))} isPending={kinds.isPending} />;
}

// The scheduled housekeeping runs every minute: "People" finds the runs someone started among it.
const STARTED_BY_CHOICES = [
  { id: 'staff', name: 'People' },
  { id: 'system', name: 'Schedules' },
];

/**
 * On a wide screen every filter is in view. On a phone the three selects come from the
 * filter button (react-admin's "Add filter", as on the customer list): stacked, they and
 * the switch took the first screen before any job.
 */
const jobFilters = (phone: boolean) => [
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn={!phone} />,
  <KindFilter key="kind" source="kind" label="Kind" alwaysOn={!phone} />,
  <SelectInput key="startedBy" source="startedBy" label="Started by" choices={STARTED_BY_CHOICES} alwaysOn={!phone} />,
  <BooleanInput key="hideRoutine" source="hideRoutine" label="Hide scheduled runs that succeeded" helperText={false} alwaysOn sx={SWITCH_INSIDE_THE_EDGE} />,
];

/** MUI pulls a labelled switch 11 px left, for its ripple: on a phone that put it on the screen's edge. */
const SWITCH_INSIDE_THE_EDGE = { '& .MuiFormControlLabel-root': { ml: 0 } } as const;

/** On by default: what people ran and what failed, not the housekeeping's every minute. */
const DEFAULT_FILTERS = { hideRoutine: true };

function JobsEmpty() {
  const { filterValues } = useListContext();
  const { hideRoutine, ...others } = filterValues as Record<string, unknown>;
  if (Object.values(others).some(Boolean)) return <Typography p={2}>No job matches these filters.</Typography>;
  if (hideRoutine) return <Typography p={2}>Nothing needs a look: nobody has started a job and no scheduled run has failed. The scheduled runs that succeeded are hidden.</Typography>;
  return <Typography p={2}>No job has run yet.</Typography>;
}

const startedBy = (job: JobSummary) => job.startedBy?.name ?? 'System';

function JobSimpleList() {
  const kindTitle = useJobKindTitle();
  return (
    <SimpleList<JobSummary>
      rowClick="show"
      primaryText={(job) => kindTitle(job.kind)}
      secondaryText={(job) => `${startedBy(job)} · ${formatDateTime(job.queuedAt)}`}
      tertiaryText={(job) => <JobStatusChip status={job.status} />}
      empty={<JobsEmpty />}
    />
  );
}

function JobDatagrid() {
  const kindTitle = useJobKindTitle();
  return (
    <Datagrid rowClick="show" bulkActionButtons={false} empty={<JobsEmpty />}>
      <DateTimeField source="queuedAt" label="Queued" sortable={false} />
      <FunctionField<JobSummary> label="Kind" sortable={false} render={(job) => <RecordLink to={`/jobs/${job.id}/show`}>{kindTitle(job.kind)}</RecordLink>} />
      <FunctionField<JobSummary> label="Status" sortable={false} render={(job) => <JobStatusChip status={job.status} />} />
      <FunctionField<JobSummary> label="Progress" sortable={false} render={(job) => <JobProgress job={job} />} />
      <FunctionField<JobSummary> label="Started by" sortable={false} render={startedBy} />
      <DateTimeField source="finishedAt" label="Finished" sortable={false} emptyText="—" />
    </Datagrid>
  );
}

/** Every durable job, newest first, routine scheduled runs hidden unless asked: filter by status, kind and who started it; a row opens the job's page. */
export default function JobList() {
  const phone = usePhoneLayout();
  return (
    <>
      <PageHeading>Jobs</PageHeading>
      <List
        title="Jobs"
        perPage={25}
        exporter={false}
        empty={false}
        filters={jobFilters(phone)}
        filterDefaultValues={DEFAULT_FILTERS}
        actions={
          <TopToolbar>
            {/* One line at every width: on a wide screen the filters beside them squeezed the two buttons into a column; on a phone, at full size, the second fell to a line of its own. */}
            <Stack direction="row" useFlexGap gap={1} alignItems="center" justifyContent="flex-end">
              {phone && <FilterButton />}
              <StartRevenueRebuildButton size={phone ? 'small' : 'medium'} />
              <StartSelfCheckButton size={phone ? 'small' : 'medium'} />
            </Stack>
          </TopToolbar>
        }
      >
        {phone ? <JobSimpleList /> : <JobDatagrid />}
      </List>
    </>
  );
}

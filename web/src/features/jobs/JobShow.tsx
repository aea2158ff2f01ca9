import { Alert, Card, CardContent, Grid, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { formatDateTime } from '../../app/formatDateTime';
import { errorMessage } from '../../app/trpcErrors';
import { PreviewFacts } from '../customers/actions/PreviewFacts';
import { CancelJobButton } from './CancelJobButton';
import { hasProgress, isJobActive } from './jobLabels';
import { JobLogTail } from './JobLogTail';
import { JobProgress } from './JobProgress';
import { JobStatusChip } from './JobStatusChip';
import { useJob, useJobKindTitle } from './useJob';

/** One job: status, live progress, timings, parameters and result, and its log as it is written. */
export default function JobShow() {
  const { id = '' } = useParams();
  const job = useJob(id);
  const kindTitle = useJobKindTitle();
  if (job.isPending) return <Skeleton variant="rectangular" height={240} aria-label="Loading the job" />;
  if (job.error) return <Alert severity="error">{errorMessage(job.error)}</Alert>;
  const data = job.data;
  return (
    <ConsolePage
      title={`Job: ${kindTitle(data.kind)}`}
      heading={kindTitle(data.kind)}
      badges={
        <>
          <Typography variant="body2" color="text.secondary" component="code">
            {data.kind}
          </Typography>
          <JobStatusChip status={data.status} />
        </>
      }
      actions={isJobActive(data) && !data.cancelRequestedAt && <CancelJobButton id={data.id} running={data.status === 'running'} />}
    >
      {data.cancelRequestedAt && isJobActive(data) && <Alert severity="warning">Cancel requested; the job stops at its next step.</Alert>}
      {data.error && <Alert severity={data.status === 'cancelled' ? 'warning' : 'error'}>{data.error}</Alert>}
      <Card variant="outlined">
        <CardContent>
          {hasProgress(data) && <JobProgress job={data} />}
          <Grid container spacing={2} mt={1}>
            <Fact label="Started by">{data.startedBy?.name ?? 'System (scheduled)'}</Fact>
            <Fact label="Queued">{formatDateTime(data.queuedAt)}</Fact>
            <Fact label="Started">{formatDateTime(data.startedAt)}</Fact>
            <Fact label="Finished">{formatDateTime(data.finishedAt)}</Fact>
            <Fact label="Attempts">{data.attempts}</Fact>
            <Fact label="Parameters" wide>
              <JobValue value={data.parameters} label="Parameters" />
            </Fact>
            {data.result !== null && (
              <Fact label="Result" wide>
                <JobValue value={data.result} label="Result" />
              </Fact>
            )}
          </Grid>
        </CardContent>
      </Card>
      <Card variant="outlined" component="section" aria-label="Log">
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            Log
          </Typography>
          {data.logDropped > 0 && (
            <Typography variant="body2" color="text.secondary" gutterBottom>
              {data.logLines} lines written; {data.logDropped} from the middle were dropped to keep the log bounded.
            </Typography>
          )}
          <JobLogTail id={data.id} />
        </CardContent>
      </Card>
    </ConsolePage>
  );
}

/** A job's parameters or result as the approvals and action dialogs show theirs: a table in words ("Appeals opened: 0"), not JSON. */
function JobValue({ value, label }: { value: unknown; label: string }) {
  const empty = value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
  return empty ? <>None</> : <PreviewFacts value={value} label={label} />;
}

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <Grid size={wide ? { xs: 12, md: 6 } : { xs: 12, sm: 6, md: 4 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography component="div">{children}</Typography>
    </Grid>
  );
}

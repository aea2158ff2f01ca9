import { Chip } from '@mui/material';
import type { JobStatus } from '@opsdesk/shared';
import { JOB_STATUS_COLOURS, JOB_STATUS_LABELS } from './jobLabels';

export function JobStatusChip({ status }: { status: JobStatus }) {
  return <Chip size="small" label={JOB_STATUS_LABELS[status]} color={JOB_STATUS_COLOURS[status]} variant={status === 'queued' ? 'outlined' : 'filled'} />;
}

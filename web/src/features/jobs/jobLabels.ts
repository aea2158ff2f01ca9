import type { JobStatus } from '@opsdesk/shared';

/** How the console says a job's status, and the colour of its chip. */
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
};

export const JOB_STATUS_COLOURS: Record<JobStatus, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  queued: 'default',
  running: 'info',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
  timed_out: 'error',
};

export const isJobActive = (job: { status: JobStatus } | undefined) => job?.status === 'queued' || job?.status === 'running';

/** Whether there is any progress to show: a finished job that never counted anything (most scheduled ones) has none. */
export function hasProgress(job: { progressDone: number; progressTotal: number | null; status: string }): boolean {
  return job.progressTotal !== null || job.progressDone > 0 || job.status === 'queued' || job.status === 'running';
}

/** "3 of 10" or "3" when the total is not known yet. */
export function progressText(job: { progressDone: number; progressTotal: number | null }): string {
  return job.progressTotal === null ? String(job.progressDone) : `${job.progressDone} of ${job.progressTotal}`;
}

/** 0–100 for a determinate bar, null when the total is not known. */
export function progressPercent(job: { progressDone: number; progressTotal: number | null }): number | null {
  if (job.progressTotal === null || job.progressTotal <= 0) return null;
  return Math.min(100, Math.round((job.progressDone / job.progressTotal) * 100));
}

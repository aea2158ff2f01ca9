import { TRPCError } from '@trpc/server';
import type { JobStatus } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { removeJobRun } from './enqueueJob.js';
import { appendJobLogLine } from './jobLog.queries.js';
import { toLogText } from './jobLogText.js';
import { findJob, finishJob, markCancelRequested } from './jobs.queries.js';

/**
 * Cancel from the console, in the mutation's transaction (with its audit row). A queued
 * job is cancelled at once; a running one gets a cancel request that its worker sees
 * within a second (or at its next progress report) and turns into an aborted signal,
 * then `cancelled`. A finished job cannot be cancelled.
 */
export async function cancelJob(trx: DbOrTrx, audit: AuditRecorder, jobId: string, staffId: string): Promise<{ id: string; status: JobStatus | 'cancelling' }> {
  audit.target('job', jobId);
  const row = await markCancelRequested(trx, jobId, staffId);
  if (!row) {
    const existing = await findJob(trx, jobId);
    if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: 'No job with that id.' });
    throw new TRPCError({ code: 'CONFLICT', message: `This job has already finished (${existing.status.replace('_', ' ')}).` });
  }
  await appendJobLogLine(trx, jobId, { level: 'warn', text: toLogText('Cancel requested from the console.') });
  if (row.status === 'queued') {
    await finishJob(trx, jobId, null, { status: 'cancelled', error: 'Cancelled from the console before it started.' });
    await removeJobRun(trx, jobId);
    audit.change({ status: 'queued' }, { status: 'cancelled' });
    return { id: jobId, status: 'cancelled' };
  }
  audit.change({ status: row.status }, { status: 'cancelling' });
  return { id: jobId, status: 'cancelling' };
}

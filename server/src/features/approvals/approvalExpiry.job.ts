import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { expireOverdueRequests } from '../actionRequests/requestExpiry.js';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';

/**
 * Approval requests nobody decided before their deadline read as expired at once
 * (approvals.queries.ts); this job makes it so in the table, each with its
 * `approval.expired` audit row (requestExpiry.ts), so the log says when a request ran
 * out. In batches, each its own transaction with its audit rows: a run cut short keeps
 * what it committed. Idempotent (a second run finds nothing) and safe with several
 * servers: a batch skips rows another holds, and a row is expired only while pending.
 */
const BATCH = 200;

export async function expireOverdueApprovals(db: Db, options: { requestId: string; batchSize?: number; signal?: AbortSignal }): Promise<{ expired: string[] }> {
  const limit = options.batchSize ?? BATCH;
  const expired: string[] = [];
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await db.transaction().execute((trx) => expireOverdueRequests(trx, { limit }, options.requestId));
    expired.push(...batch.map((row) => row.id));
    if (batch.length < limit) return { expired };
  }
}

/** Every minute, like the suspension lifting: the stored status and its audit row trail the deadline by a minute at most. */
export const approvalExpiryJob = defineJobKind({
  name: 'approvals.expire',
  title: 'Expire undecided approval requests',
  params: z.strictObject({}),
  timeoutMs: 5 * 60_000,
  retry: { limit: 3, backoff: { initialMs: 5_000, maxMs: 60_000 } },
  resumable: true,
  async run({ db, jobId, log, signal }) {
    const { expired } = await expireOverdueApprovals(db, { requestId: `job-${jobId}`, signal });
    await log(expired.length ? `Expired ${expired.length} approval request${expired.length === 1 ? '' : 's'} nobody decided in time.` : 'No approval request is past its deadline.');
    return { expired: expired.length };
  },
});

export const approvalExpirySchedule: JobSchedule = { kind: approvalExpiryJob, match: '* * * * *' };

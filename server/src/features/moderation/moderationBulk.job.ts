import { z } from 'zod';
import { defineJobKind } from '../jobs/jobKind.js';
import { findPendingItems } from './moderationBulk.queries.js';
import { freezeRun, processBatch } from './moderationBulkRun.js';

export const ZModerationBulkJobParamsSchema = z.strictObject({ runId: z.string().regex(/^[1-9][0-9]{0,17}$/) });

/** Items per transaction: small enough that a moderator's claim rarely meets a locked row for long. */
const BATCH = 50;

/**
 * `moderation.bulk` (docs/moderation.md, "Bulk actions"): one bulk run as a durable job.
 * It freezes the set on its first start, then decides the pending items in entry order,
 * batch by batch, reporting progress. Resumable and retried: every item settles with its
 * decision in one transaction, so a later attempt or a restart after kill -9 goes on with
 * what is still pending and never decides an item twice. A cancel stops it between
 * batches (or at its next progress report); the items left stay pending.
 */
export const moderationBulkJob = defineJobKind({
  name: 'moderation.bulk',
  title: 'Moderation bulk action',
  params: ZModerationBulkJobParamsSchema,
  timeoutMs: 6 * 3_600_000,
  retry: { limit: 3, backoff: { initialMs: 30_000 } },
  resumable: true,
  async run({ params, db, signal, progress, log }) {
    const { run, frozenNow } = await freezeRun(db, params.runId);
    const total = run.total ?? 0;
    if (frozenNow) await log(`Frozen set: ${total} items${run.estimate === null ? '' : ` (the estimate was ${run.estimate})`}.`);
    const counts = { done: run.doneCount, skipped: run.skippedCount, failed: run.failedCount };
    await progress(counts.done + counts.skipped + counts.failed, total);
    for (let after = '0'; ; ) {
      signal.throwIfAborted();
      const batch = await findPendingItems(db, run.id, after, BATCH);
      if (batch.length === 0) break;
      const settled = await processBatch(db, run, batch);
      counts.done += settled.done;
      counts.skipped += settled.skipped;
      counts.failed += settled.failed;
      after = batch.at(-1)!;
      await progress(counts.done + counts.skipped + counts.failed, total);
    }
    await log(`Decided ${counts.done}, skipped ${counts.skipped}, failed ${counts.failed} of ${total}.`);
    return { runId: run.id, total, ...counts };
  },
});

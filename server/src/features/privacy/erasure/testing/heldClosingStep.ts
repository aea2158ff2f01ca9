import { sql } from 'kysely';
import type { Db } from '../../../../db/database.js';
import { HANG_BOUND_MS } from '../../../../testing/bounded.js';
import { lockMirrorWrites } from '../../../billing/mirror/mirror.queries.js';
import { BILLING_CLOSED_STEP } from '../erasedCustomers.queries.js';
import { claimStep } from '../erasureSteps.queries.js';

/**
 * An erasure's `billing:closed` step held open: its transaction claims the step and takes
 * the billing mirror write lock, as erasureRun.service.ts does, then waits for commit().
 * A webhook batch started meanwhile queues on the lock; untilBatchWaits() sees it there
 * (pg_locks), so a test can commit the step between a batch's look-up and its lock
 * without any timing.
 */
export interface HeldClosingStep {
  /** Resolves once a transaction of this database waits on an advisory lock (the mirror write lock held here); fails after a bound. */
  untilBatchWaits(): Promise<void>;
  /** Commits the step: the batch queued behind it proceeds. */
  commit(): Promise<void>;
}

export async function holdClosingStep(db: Db, requestId: string): Promise<HeldClosingStep> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => (held = resolve));
  const step = db.transaction().execute(async (trx) => {
    if (!(await claimStep(trx, requestId, BILLING_CLOSED_STEP))) throw new Error(`${BILLING_CLOSED_STEP} of ${requestId} is done already`);
    await lockMirrorWrites(trx);
    held();
    await released;
  });
  await Promise.race([isHeld, step]);
  return {
    async untilBatchWaits() {
      for (const deadline = Date.now() + HANG_BOUND_MS; ; ) {
        const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks
          where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`.execute(db);
        if (rows[0]!.waiting > 0) return;
        if (Date.now() > deadline) throw new Error(`no transaction queued on the mirror write lock within ${HANG_BOUND_MS / 1000} s`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async commit() {
      release();
      await step;
    },
  };
}

import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import type { Moderator } from './moderationClaims.service.js';
import { decideLockedEntry } from './moderationDecide.service.js';
import { appendEvent } from './moderationEvents.queries.js';
import { addToRunCounters, findDecider, findStaffEmail, freezeBulkItems, lockBulkRun, lockPendingItem, settleItem, type BulkRunRow } from './moderationBulk.queries.js';
import { lockEntry } from './moderationQueue.queries.js';

/**
 * The work of one bulk run (the job in moderationBulk.job.ts drives it): the set frozen
 * once, then items decided in batches. Each item's status changes in the transaction of
 * its decision, so a run killed at any point and started again never acts twice: what
 * committed is settled, what did not is still pending.
 */

/** Freezes the run's set unless an earlier attempt did; answers the run as frozen. */
export async function freezeRun(db: Db, runId: string): Promise<{ run: BulkRunRow; frozenNow: boolean }> {
  return db.transaction().execute(async (trx) => {
    const run = await lockBulkRun(trx, runId);
    if (!run) throw new Error(`There is no bulk run ${runId}.`);
    if (run.frozenAt) return { run, frozenNow: false };
    const total = await freezeBulkItems(trx, run);
    return { run: { ...run, total, frozenAt: new Date() }, frozenNow: true };
  });
}

type Counts = { done: number; skipped: number; failed: number };
type ItemOutcome = { status: 'done'; decisionId: string } | { status: 'skipped' | 'failed'; reason: string } | null;

/**
 * Decides a batch of pending items in one transaction (one commit per batch keeps 5,000
 * items to a couple of hundred commits). If anything in it fails, the batch is rolled back
 * and its items are redone one transaction each, so one bad item fails alone, with why.
 * A batch holds its rows (entries, reporter statistics) until it commits, and takes them
 * in entry order, not in the global order single decisions use: so it waits for a lock
 * at most BATCH_LOCK_WAIT, shorter than PostgreSQL's deadlock_timeout (1 s by default),
 * which makes the batch, never a moderator's decision, the side that gives way.
 */
const BATCH_LOCK_WAIT = '250ms';

export async function processBatch(db: Db, run: BulkRunRow, entryIds: string[]): Promise<Counts> {
  const decider: Moderator = { id: run.requestedBy, label: `${run.requestedByLabel} (bulk run ${run.id})` };
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select set_config('lock_timeout', ${BATCH_LOCK_WAIT}, true)`.execute(trx);
      const counts = { done: 0, skipped: 0, failed: 0 };
      for (const entryId of entryIds) tally(counts, await settleOne(trx, run, decider, entryId));
      await addToRunCounters(trx, run.id, counts);
      return counts;
    });
  } catch {
    const counts = { done: 0, skipped: 0, failed: 0 };
    for (const entryId of entryIds) tally(counts, await processAlone(db, run, decider, entryId));
    return counts;
  }
}

async function processAlone(db: Db, run: BulkRunRow, decider: Moderator, entryId: string): Promise<ItemOutcome> {
  const inOwnTransaction = (work: (trx: Trx) => Promise<ItemOutcome>) => db.transaction().execute(work);
  try {
    return await inOwnTransaction(async (trx) => {
      const outcome = await settleOne(trx, run, decider, entryId);
      await addToRunCounters(trx, run.id, countsOf(outcome));
      return outcome;
    });
  } catch (error) {
    const reason = `Failed: ${error instanceof TRPCError ? error.message : error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
    return inOwnTransaction(async (trx) => {
      if (!(await lockPendingItem(trx, run.id, entryId))) return null;
      await settleItem(trx, run.id, entryId, { status: 'failed', reason });
      await addToRunCounters(trx, run.id, { done: 0, skipped: 0, failed: 1 });
      return { status: 'failed', reason };
    });
  }
}

/** One item in the caller's transaction: skipped when decided or held by someone, else decided like a single decision. */
async function settleOne(trx: Trx, run: BulkRunRow, decider: Moderator, entryId: string): Promise<ItemOutcome> {
  if (!(await lockPendingItem(trx, run.id, entryId))) return null;
  const entry = await lockEntry(trx, entryId);
  let outcome: ItemOutcome;
  if (!entry) outcome = { status: 'failed', reason: 'The queue entry no longer exists.' };
  else if (entry.status === 'decided') outcome = { status: 'skipped', reason: `Already decided by ${(await findDecider(trx, entryId)) ?? 'someone else'}.` };
  else if (entry.status === 'claimed' && entry.leaseValid) outcome = { status: 'skipped', reason: `Claimed by ${(await findStaffEmail(trx, entry.claimedBy!)) ?? 'another moderator'}, who is working on it.` };
  else {
    // Taking over an expired lease is logged as "next item" logs it.
    if (entry.status === 'claimed') await appendEvent(trx, { subjectType: entry.subjectType, subjectId: entry.subjectId, kind: 'lease_expired', queueEntryId: entry.id, actor: { id: null, label: 'opsdesk' }, data: { previousHolder: entry.claimedBy } });
    const decision = await decideLockedEntry(trx, decider, entry, { entryId, reasonCode: run.reasonCode, reason: run.reason, facts: run.facts ?? undefined });
    outcome = { status: 'done', decisionId: decision.decisionId };
  }
  await settleItem(trx, run.id, entryId, outcome.status === 'done' ? { status: 'done', reason: null, decisionId: outcome.decisionId } : outcome);
  return outcome;
}

function countsOf(outcome: ItemOutcome): Counts {
  return { done: outcome?.status === 'done' ? 1 : 0, skipped: outcome?.status === 'skipped' ? 1 : 0, failed: outcome?.status === 'failed' ? 1 : 0 };
}

function tally(counts: Counts, outcome: ItemOutcome): void {
  const one = countsOf(outcome);
  counts.done += one.done;
  counts.skipped += one.skipped;
  counts.failed += one.failed;
}

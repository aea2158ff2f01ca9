import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Checks shared by the bulk tests. Every entry of a run decided at most once, counted from
 * the decisions themselves, in one statement so the figures are one snapshot.
 */
export async function decisionsPerEntry(db: Db, runId: string): Promise<{ entries: number; done: number; decided: number; decidedTwice: number; doneWithoutDecision: number }> {
  const rows = await sql<{ entries: string; done: string; decided: string; decidedTwice: string; doneWithoutDecision: string }>`
    with per_entry as (
      select i.queue_entry_id, i.status, i.decision_id, (select count(*) from ops.moderation_decisions d where d.queue_entry_id = i.queue_entry_id) as decisions
      from ops.moderation_bulk_items i where i.run_id = ${runId}
    )
    select count(*) as entries, count(*) filter (where status = 'done') as done, count(*) filter (where decisions > 0) as decided, count(*) filter (where decisions > 1) as decided_twice,
      count(*) filter (where status = 'done' and not exists (select 1 from ops.moderation_decisions d where d.id = per_entry.decision_id)) as done_without_decision
    from per_entry`.execute(db);
  const row = rows.rows[0]!;
  return { entries: Number(row.entries), done: Number(row.done), decided: Number(row.decided), decidedTwice: Number(row.decidedTwice), doneWithoutDecision: Number(row.doneWithoutDecision) };
}

export async function itemStatusCounts(db: Db, runId: string): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: string }>`select status, count(*) as n from ops.moderation_bulk_items where run_id = ${runId} group by status`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
}

/** Waits until the job has reported at least `atLeast` items processed: a condition read every 25 ms, bounded. */
export async function waitForJobProgress(db: Db, jobId: string, atLeast: number, boundMs = 120_000): Promise<void> {
  for (const deadline = Date.now() + boundMs; Date.now() < deadline; ) {
    const row = await db.selectFrom('ops.jobs').select(['status', 'progressDone']).where('id', '=', jobId).executeTakeFirstOrThrow();
    if (row.status === 'running' && row.progressDone >= atLeast) return;
    if (row.status !== 'running' && row.status !== 'queued') throw new Error(`job ${jobId} ended (${row.status}) before reaching ${atLeast}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not reach ${atLeast} items`);
}

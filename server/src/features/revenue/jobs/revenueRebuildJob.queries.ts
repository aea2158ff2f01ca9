import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';

/** What the revenue.rebuild job and its console start read (revenueRebuild.job.ts, startRevenueRebuild.ts). */

/** The customers a rebuild will go through (those with subscription history): the job's progress total. */
export async function countCustomersToRebuild(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(distinct customer_id)::int as count from billing.subscription_history`.execute(db);
  return rows[0]?.count ?? 0;
}

/** Serialises console starts until the transaction ends: two at once cannot both find nothing and both queue. */
export async function lockRebuildStarts(trx: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('opsdesk:revenue.rebuild:start'))`.execute(trx);
}

/** The rebuild queued or running (a resumed one is queued again), if any; the oldest if several were started by other means. */
export async function findActiveRebuild(trx: DbOrTrx, kind: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('ops.jobs').select('id').where('kind', '=', kind).where('status', 'in', ['queued', 'running']).orderBy('queuedAt').orderBy('id').limit(1).executeTakeFirst();
}

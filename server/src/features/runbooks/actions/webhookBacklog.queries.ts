import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

/**
 * The webhook runbook actions' reads and writes on the event ledger (`ops.stripe_events`).
 * The inbox's own queries (billing/webhooks/eventLedger.queries.ts) store and apply
 * events; these look at the backlog from on-call's side: failed events, and pending ones
 * received long ago that no worker applied ("stuck").
 */
export interface BacklogTotals {
  failed: number;
  stuck: number;
  pending: number;
  oldestFailedSeconds: number | null;
  oldestPendingSeconds: number | null;
}

export interface BacklogByType {
  type: string;
  failed: number;
  stuck: number;
  oldestSeconds: number;
}

export interface BacklogEvent {
  id: string;
  type: string;
  status: 'pending' | 'failed';
  attempts: number;
  created: Date;
  ageSeconds: number;
  lastError: string | null;
}

const isStuck = (stuckAfterMinutes: number) => sql<boolean>`(status = 'pending' and received_at < now() - make_interval(mins => ${stuckAfterMinutes}))`;
const inBacklog = (stuckAfterMinutes: number) => sql<boolean>`(status = 'failed' or ${isStuck(stuckAfterMinutes)})`;

export async function summarizeBacklog(db: Db, stuckAfterMinutes: number): Promise<BacklogTotals> {
  const { rows } = await sql<{ failed: number; stuck: number; pending: number; oldestFailedSeconds: number | null; oldestPendingSeconds: number | null }>`
    select count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where ${isStuck(stuckAfterMinutes)})::int as stuck,
           count(*) filter (where status = 'pending')::int as pending,
           extract(epoch from now() - min(received_at) filter (where status = 'failed'))::float8 as oldest_failed_seconds,
           extract(epoch from now() - min(received_at) filter (where status = 'pending'))::float8 as oldest_pending_seconds
    from ops.stripe_events where status in ('pending', 'failed')`.execute(db);
  return rows[0]!;
}

export async function summarizeBacklogByType(db: Db, stuckAfterMinutes: number, limit: number): Promise<BacklogByType[]> {
  const { rows } = await sql<BacklogByType>`
    select type,
           count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where ${isStuck(stuckAfterMinutes)})::int as stuck,
           extract(epoch from now() - min(received_at))::float8 as oldest_seconds
    from ops.stripe_events where ${inBacklog(stuckAfterMinutes)}
    group by type order by count(*) desc, type limit ${limit}`.execute(db);
  return rows;
}

/** The backlog's events, oldest first, at most `limit`; `total` counts them all. */
export async function findBacklogEvents(db: Db, stuckAfterMinutes: number, limit: number): Promise<{ events: BacklogEvent[]; total: number }> {
  const { rows } = await sql<BacklogEvent & { total: number }>`
    select id, type, status, attempts, created, left(last_error, 300) as last_error,
           extract(epoch from now() - received_at)::float8 as age_seconds,
           count(*) over ()::int as total
    from ops.stripe_events where ${inBacklog(stuckAfterMinutes)}
    order by created, id limit ${limit}`.execute(db);
  return { events: rows.map(({ total: _total, ...event }) => event), total: rows[0]?.total ?? 0 };
}

/** Failed events among `ids` become due now instead of at their backoff's next attempt. */
export async function makeEventsDueNow(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('ops.stripeEvents').set({ nextAttemptAt: null }).where('id', '=', sql<string>`any(${ids}::text[])`).where('status', '=', 'failed').execute();
}

/** How many of `ids` the inbox would still pick up now (pending, or failed and due). */
export async function countDueAmong(db: Db, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ops.stripe_events
    where id = any(${ids}::text[]) and (status = 'pending' or (status = 'failed' and (next_attempt_at is null or next_attempt_at <= now())))`.execute(db);
  return rows[0]!.n;
}

export interface LedgerOutcome {
  id: string;
  type: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

export async function findLedgerOutcomes(db: Db, ids: string[]): Promise<Map<string, LedgerOutcome>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ops.stripeEvents')
    .select(['id', 'type', 'status', 'attempts', sql<string | null>`left(last_error, 300)`.as('lastError')])
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** When the newest event in the ledger happened (Stripe's `created`); null for an empty ledger. */
export async function findNewestLedgerEventTime(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('ops.stripeEvents').select((eb) => eb.fn.max('created').as('newest')).executeTakeFirst();
  return row?.newest ? new Date(row.newest as Date) : null;
}

/** Which of `ids` the ledger already holds. */
export async function findKnownEventIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('ops.stripeEvents').select('id').where('id', '=', sql<string>`any(${ids}::text[])`).execute();
  return new Set(rows.map((row) => row.id));
}

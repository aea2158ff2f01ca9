import { sql } from 'kysely';
import type { Db, DbOrTrx, Trx } from '../../../db/database.js';
import { runSql, valueRows } from '../mirror/plainSql.js';

/**
 * The event ledger (`ops.stripe_events`) as the webhook inbox: every verified event is
 * one row, `pending` until a worker applies it (`processed` / `ignored`) or fails to
 * (`failed`, retried from `next_attempt_at`).
 */
export interface ReceivedEvent {
  id: string;
  type: string;
  created: number;
  apiVersion: string | null;
  /** The event exactly as Stripe sent it. */
  body: string;
}

/** Failed events wait 30 s, 1 min, 2 min … at most an hour before the worker tries again. */
const RETRY_BASE_SECONDS = 30;
const RETRY_MAX_SECONDS = 3600;

/**
 * Stores new events as `pending` (ids unique within one call) and puts a failed one
 * back in the queue when Stripe delivers it again. Returns the ids now queued; the
 * others were already pending or done (duplicates). Never waits for a batch that is
 * applying one of these events: DO NOTHING does not lock the existing row, and a failed
 * event locked by a batch is being retried already. Plain SQL (mirror/plainSql.ts): this
 * runs for every group of acknowledged requests.
 */
export async function insertReceivedEvents(db: Db, events: ReceivedEvent[]): Promise<Set<string>> {
  const rows = valueRows(events.length, 5, ([id, type, created, apiVersion, body]) => `(${id}, ${type}, to_timestamp(${created}), ${apiVersion}, ${body}::jsonb, 'pending', 0)`);
  const inserted = await runSql<{ id: string }>(
    db,
    `insert into ops.stripe_events (id, type, created, api_version, payload, status, attempts) values ${rows} on conflict (id) do nothing returning id`,
    events.flatMap((e) => [e.id, e.type, e.created, e.apiVersion, e.body]),
  );
  const queued = new Set(inserted.map((r) => r.id));
  const known = events.map((e) => e.id).filter((id) => !queued.has(id));
  if (known.length === 0) return queued;
  const requeued = await runSql<{ id: string }>(
    db,
    `update ops.stripe_events set next_attempt_at = null
     where id in (select id from ops.stripe_events where id = any($1::text[]) and status = 'failed' for update skip locked)
     returning id`,
    [known],
  );
  for (const r of requeued) queued.add(r.id);
  return queued;
}

/** The ids of the oldest events due for applying, without locking them (the batch claims them later). */
export async function findDueEventIds(db: Db, limit: number): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    db,
    `select id from ops.stripe_events
     where status = 'pending' or (status = 'failed' and (next_attempt_at is null or next_attempt_at <= now()))
     order by created, id limit $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/** Stored events as Stripe sent them, by id (those another process received). */
export async function findEventBodies(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // As text: the CamelCasePlugin would rename the keys inside a parsed jsonb value.
  const rows = await runSql<{ id: string; body: string }>(db, `select id, payload::text as body from ops.stripe_events where id = any($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.body]));
}

/**
 * The bodies of applied events about the given customers' objects from the given
 * seconds (a late event's second: the ordering rule needs the ones already applied).
 * Uses the ledger's customer index; the caller keeps the objects it asked about.
 */
export async function findAppliedEventBodies(db: DbOrTrx, customerIds: string[], seconds: number[]): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await runSql<{ body: string }>(
    db,
    `select payload::text as body from ops.stripe_events
     where coalesce(payload->'data'->'object'->>'customer',
                    case when payload->'data'->'object'->>'object' = 'customer' then payload->'data'->'object'->>'id' end) = any($1::text[])
       and created = any(array(select to_timestamp(s) from unnest($2::bigint[]) s)) and status = 'processed'`,
    [customerIds, seconds],
  );
  return rows.map((r) => r.body);
}

/**
 * Claims a batch's events by marking them applied at once, `processed` or `ignored`:
 * only those still to apply are changed, and the row locks the update takes keep any
 * other worker off them until the batch commits (or rolls back, leaving them as they
 * were). One write per event instead of a lock and then an update: each write of a
 * ledger row copies its few kB and adds entries to its indexes (the customer index
 * decompresses the payload for its expression). Returns the ids claimed.
 */
export async function claimEventsAsDone(trx: Trx, done: { processed: string[]; ignored: string[] }): Promise<string[]> {
  if (done.processed.length + done.ignored.length === 0) return [];
  const rows = await runSql<{ id: string }>(
    trx,
    `update ops.stripe_events
     set status = case when id = any($2::text[]) then 'ignored' else 'processed' end,
         processed_at = now(), attempts = attempts + 1, last_error = null, next_attempt_at = null
     where id = any($1::text[]) and status in ('pending', 'failed')
     returning id`,
    [[...done.processed, ...done.ignored], done.ignored],
  );
  return rows.map((r) => r.id);
}

/** Puts claimed events back in the queue, due now (their objects changed under the batch: the next batch resolves them again). */
export async function returnEventsToQueue(trx: Trx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await runSql(trx, `update ops.stripe_events set status = 'pending', processed_at = null, attempts = attempts - 1 where id = any($1::text[])`, [ids]);
}

/**
 * A batch's transaction commits without waiting for the disk (synchronous_commit off,
 * for this transaction only). Safe because the inbox, not the batch, is what must
 * survive a crash: the events were committed durably before they were acknowledged,
 * and a batch lost with the last moments before a crash loses its "processed" marks
 * with it, all or nothing, so its events are still pending and are applied again. Any
 * later durable commit (the next inbox write, a staff action that read the mirror)
 * flushes the batch too. The webhook bench showed inbox commits queueing behind the
 * batches' disk flushes.
 */
export async function commitBatchWithoutWaitingForDisk(trx: Trx): Promise<void> {
  await runSql(trx, `set local synchronous_commit = off`);
}

export async function recordEventFailure(db: DbOrTrx, id: string, message: string): Promise<void> {
  await db
    .updateTable('ops.stripeEvents')
    .set((eb) => ({
      status: 'failed',
      attempts: eb('attempts', '+', 1),
      lastError: message,
      nextAttemptAt: sql<Date>`now() + least(${RETRY_BASE_SECONDS} * power(2, attempts), ${RETRY_MAX_SECONDS}) * interval '1 second'`,
    }))
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}

/** Makes the oldest failed events due now (`npm run stripe:replay`); returns their ids. */
export async function makeFailedEventsDue(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('ops.stripeEvents')
    .set({ nextAttemptAt: null })
    .where('id', 'in', (eb) => eb.selectFrom('ops.stripeEvents').select('id').where('status', '=', 'failed').orderBy('created').orderBy('id').limit(limit))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countFailedAmong(db: Db, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('ops.stripeEvents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ledger by status: `pending` is the inbox's backlog. */
export async function countEventsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('ops.stripeEvents').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

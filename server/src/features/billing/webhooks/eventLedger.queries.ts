import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { Db, DbOrTrx, Trx } from '../../../db/database.js';

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
 * event locked by a batch is being retried already.
 */
export async function insertReceivedEvents(db: Db, events: ReceivedEvent[]): Promise<Set<string>> {
  const inserted = await db
    .insertInto('ops.stripeEvents')
    .values(events.map((e) => ({ id: e.id, type: e.type, created: new Date(e.created * 1000), apiVersion: e.apiVersion, payload: e.body, status: 'pending' as const, attempts: 0 })))
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  const queued = new Set(inserted.map((r) => r.id));
  const known = events.map((e) => e.id).filter((id) => !queued.has(id));
  if (known.length === 0) return queued;
  const requeued = await db
    .updateTable('ops.stripeEvents')
    .set({ nextAttemptAt: null })
    .where('id', 'in', (eb) => eb.selectFrom('ops.stripeEvents').select('id').where('id', '=', sql<string>`any(${known}::text[])`).where('status', '=', 'failed').forUpdate().skipLocked())
    .returning('id')
    .execute();
  for (const r of requeued) queued.add(r.id);
  return queued;
}

/** The oldest events due for applying, without locking them (the batch claims them later). */
export async function findDueEvents(db: Db, limit: number): Promise<Stripe.Event[]> {
  const rows = await db
    .selectFrom('ops.stripeEvents')
    // As text: the CamelCasePlugin would rename the keys inside a parsed jsonb value.
    .select(sql<string>`payload::text`.as('body'))
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb.or([eb('nextAttemptAt', 'is', null), eb('nextAttemptAt', '<=', sql<Date>`now()`)])])]))
    .orderBy('created')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => JSON.parse(r.body) as Stripe.Event);
}

/** Locks the given events that are still to apply; ones another worker holds or finished are left out. */
export async function claimEvents(trx: Trx, ids: string[]): Promise<string[]> {
  const rows = await trx
    .selectFrom('ops.stripeEvents')
    .select('id')
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .where('status', 'in', ['pending', 'failed'])
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

export async function markEventsDone(trx: Trx, ids: string[], status: 'processed' | 'ignored'): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('ops.stripeEvents')
    .set((eb) => ({ status, processedAt: new Date(), attempts: eb('attempts', '+', 1), lastError: null, nextAttemptAt: null }))
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
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

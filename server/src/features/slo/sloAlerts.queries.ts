import { sql } from 'kysely';
import type { AlertState } from '@opsdesk/shared';
import type { Db, DbOrTrx } from '../../db/database.js';
import { withSessionLock } from '../../db/sessionLock.js';
import type { SloAlertEventRow, SloAlertRuleId, SloDeliveryStatus } from './slo.table.js';
import type { AlertEventCursor } from './sloAlertsCursor.js';

/**
 * Every query on the alert tables of migration 0017: the current state per SLO × rule
 * (what a pass compares against, so a change is recorded once), and the events.
 */
export interface AlertStateRow {
  sloId: string;
  rule: SloAlertRuleId;
  state: AlertState;
  since: Date;
  firingEventId: string | null;
}

export type NewAlertEvent = Omit<SloAlertEventRow, 'id' | 'deliveryAttempts' | 'deliveryLastError' | 'deliveredAt'>;

/** An event with what its views need from its SLO. */
export interface AlertEventWithSlo extends SloAlertEventRow {
  service: string;
  sloName: string;
  runbook: unknown;
  notify: boolean;
  firingSince?: Date;
}

export async function findAlertStates(db: DbOrTrx): Promise<AlertStateRow[]> {
  return db.selectFrom('ops.sloAlertStates').selectAll().execute();
}

export async function upsertAlertStates(db: DbOrTrx, rows: readonly AlertStateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('ops.sloAlertStates')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['sloId', 'rule']).doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), since: eb.ref('excluded.since'), firingEventId: eb.ref('excluded.firingEventId') })),
    )
    .execute();
}

export async function insertAlertEvent(db: DbOrTrx, event: NewAlertEvent): Promise<string> {
  const row = await db.insertInto('ops.sloAlertEvents').values(event).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function selectEvents(db: DbOrTrx) {
  return db
    .selectFrom('ops.sloAlertEvents as e')
    .innerJoin('ops.slos as s', 's.id', 'e.sloId')
    .selectAll('e')
    .select(['s.service', 's.name as sloName', 's.runbook', 's.notify']);
}

export interface AlertEventFilter {
  sloId?: string;
  state?: 'firing' | 'resolved';
  severity?: 'page' | 'ticket';
  before?: AlertEventCursor;
  limit: number;
}

/**
 * Newest first; the events of one pass (one minute) by rule — page-1h, page-6h,
 * ticket-1d, ticket-3d, the order of their text as of their severity and window — so a
 * page and the slower page it brings along read the same way on every load; then by id.
 * `before` is the ordering key of the last event already shown (keyset on the indexes'
 * order, migration 0035).
 */
export async function findAlertEvents(db: DbOrTrx, filter: AlertEventFilter): Promise<AlertEventWithSlo[]> {
  let query = selectEvents(db);
  if (filter.sloId) query = query.where('e.sloId', '=', filter.sloId);
  if (filter.state) query = query.where('e.state', '=', filter.state);
  if (filter.severity) query = query.where('e.severity', '=', filter.severity);
  if (filter.before) {
    const { at, rule, id } = filter.before;
    // `at <=` bounds the index scan; the rest picks up within the cursor's minute.
    query = query.where(({ eb, or, and }) =>
      and([eb('e.at', '<=', at), or([eb('e.at', '<', at), eb('e.rule', '>', rule), and([eb('e.rule', '=', rule), eb('e.id', '<', id)])])]),
    );
  }
  return query.orderBy('e.at', 'desc').orderBy('e.rule').orderBy('e.id', 'desc').limit(filter.limit).execute();
}

/** The firing alerts: each state that fires, with the event that started it. */
export async function findActiveAlerts(db: DbOrTrx): Promise<AlertEventWithSlo[]> {
  return selectEvents(db)
    .innerJoin('ops.sloAlertStates as a', 'a.firingEventId', 'e.id')
    .select('a.since as firingSince')
    .where('a.state', '=', 'firing')
    .orderBy('e.severity')
    .orderBy('a.since', 'desc')
    .execute();
}

export async function findAlertEventForDelivery(db: DbOrTrx, id: string): Promise<AlertEventWithSlo | undefined> {
  return selectEvents(db).where('e.id', '=', id).executeTakeFirst();
}

/**
 * The events of one SLO × rule still to be delivered, up to and including `event`,
 * oldest first: what must reach the webhook before it, and it.
 */
export async function findUndeliveredThrough(db: DbOrTrx, event: Pick<SloAlertEventRow, 'id' | 'sloId' | 'rule' | 'at'>): Promise<AlertEventWithSlo[]> {
  return selectEvents(db)
    .where('e.sloId', '=', event.sloId)
    .where('e.rule', '=', event.rule)
    .where('e.deliveryStatus', '=', 'pending')
    .where(({ eb, refTuple, tuple }) => eb(refTuple('e.at', 'e.id'), '<=', tuple(event.at, event.id)))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/**
 * Runs `work` holding the delivery turn of one SLO × rule, so that its events go to the
 * webhook one at a time. A session lock on a connection of its own rather than a
 * transaction: no transaction stays open across the webhook's POSTs, and it never
 * blocks the evaluation pass, which writes the same SLO's alert state meanwhile.
 */
export async function withDeliveryTurn<T>(db: Db, sloId: string, rule: SloAlertRuleId, work: (conn: Db) => Promise<T>): Promise<T> {
  return withSessionLock(db, sql`hashtext(${`opsdesk.slo.notify:${sloId}:${rule}`})`, work);
}

/** `posted`: this outcome is of a POST of the event (counted in its attempts), not of waiting for an earlier one. */
export async function recordDelivery(db: DbOrTrx, id: string, outcome: { status: SloDeliveryStatus; posted: boolean; lastError: string | null }): Promise<void> {
  await db
    .updateTable('ops.sloAlertEvents')
    .set((eb) => ({
      deliveryStatus: outcome.status,
      deliveryAttempts: eb('deliveryAttempts', '+', outcome.posted ? 1 : 0),
      deliveryLastError: outcome.lastError?.slice(0, 1000) ?? null,
      deliveredAt: outcome.status === 'delivered' ? new Date() : null,
    }))
    .where('id', '=', id)
    .execute();
}

/** The job kind that delivers an event (sloNotify.job.ts), named here for the sweep below. */
export const SLO_NOTIFY_JOB_KIND = 'slo.notify';

/**
 * Events still "pending" that no delivery job will send any more: their job was cancelled
 * from the console, timed out on its last attempt, or is gone. Each pass marks them failed
 * with why, keeping the last webhook error, so the console stops promising a delivery and
 * the rule's later events are not held behind them (sloNotify.job.ts). An event whose job
 * is queued or running, waiting for a retry included, is left to it.
 */
export async function closeAbandonedDeliveries(db: DbOrTrx): Promise<number> {
  const jobsOfEvent = (status: 'unfinished' | 'latest') => {
    const jobs = db.selectFrom('ops.jobs as j').where('j.kind', '=', SLO_NOTIFY_JOB_KIND).where(sql<boolean>`j.parameters->>'eventId' = e.id::text`);
    return status === 'unfinished' ? jobs.where('j.status', 'in', ['queued', 'running']) : jobs.orderBy('j.queuedAt', 'desc').limit(1);
  };
  const latestStatus = jobsOfEvent('latest').select('j.status');
  const why = sql<string>`'Not sent: its delivery job ' || coalesce((case (${latestStatus}) when 'cancelled' then 'was cancelled' when 'timed_out' then 'timed out' when 'failed' then 'failed' when 'succeeded' then 'ended without sending it' end), 'is gone') || '.'`;
  const result = await db
    .updateTable('ops.sloAlertEvents as e')
    .set({ deliveryStatus: 'failed', deliveryLastError: sql<string>`left(${why} || coalesce(' Last error: ' || e.delivery_last_error, ''), 1000)` })
    .where('e.deliveryStatus', '=', 'pending')
    .where(({ not, exists }) => not(exists(jobsOfEvent('unfinished').select(sql.lit(1).as('one')))))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Alert history is kept 400 days; the event that started an alert still firing stays. */
export const ALERT_EVENT_RETENTION_DAYS = 400;

export async function deleteOldAlertEvents(db: DbOrTrx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ALERT_EVENT_RETENTION_DAYS * 86_400_000);
  const result = await db
    .deleteFrom('ops.sloAlertEvents')
    .where('at', '<', cutoff)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ops.sloAlertStates as a').select(sql.lit(1).as('one')).whereRef('a.firingEventId', '=', 'ops.sloAlertEvents.id'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import type { MirrorTable } from './mirrorKinds.js';
import { runSql, snakeCase, valueRows } from './plainSql.js';

/**
 * Every query the mirror's writers make (webhook batches and the backfill). Rows are
 * written many at a time: one statement per table per batch, not one per object.
 */

/** How current the mirror's copy of an object is: what the ordering rule compares. */
export interface StoredVersion {
  id: string;
  asOf: number;
  asOfEventId: string | null;
  deletedAt: Date | null;
}

const CHUNK = 500;
const chunks = <T>(rows: T[]): T[][] => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

export async function findStoredVersions(db: DbOrTrx, table: MirrorTable, ids: string[]): Promise<Map<string, StoredVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table as 'billing.customers')
    .select(['id', 'asOf', 'asOfEventId', 'deletedAt'])
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, asOf: Number(r.asOf), asOfEventId: r.asOfEventId, deletedAt: r.deletedAt }]));
}

export async function findStoredSnapshots(db: DbOrTrx, table: MirrorTable, ids: string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table as 'billing.customers')
    // As text: the CamelCasePlugin would rename the keys inside a parsed jsonb value.
    .select(['id', sql<string>`data::text`.as('json')])
    .where('id', '=', sql<string>`any(${ids}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.json) as unknown]));
}

/**
 * One transaction at a time writes the mirror, across processes: the ordering rule
 * compares with what is stored, so the comparison and the write must not interleave
 * with another writer's. One lock per batch, not one per object.
 */
export async function lockMirrorWrites(trx: Trx): Promise<void> {
  await sql`select ${sql.raw(MIRROR_WRITES_LOCK)}`.execute(trx);
}

/** The lock's call as SQL text: the revenue refresh takes the same lock inside its routine (revenue/revenueRefreshInputs.queries.ts). */
export const MIRROR_WRITES_LOCK = `pg_advisory_xact_lock(hashtextextended('opsdesk billing mirror writes', 0))`;

/**
 * Inserts or replaces whole rows (all rows of one call have the same columns). A row
 * whose `data` is null takes its snapshot from the ledger event named by `asOfEventId`
 * (`payload->'data'->'object'`, the object exactly as that event carried it): copied
 * inside PostgreSQL, a webhook's object is neither serialised again here nor sent and
 * parsed a second time (the webhook bench's profile: socket writes to PostgreSQL and
 * garbage collection were a fifth of the server's time). Plain SQL (plainSql.ts): the
 * builder's compile cost grew with the batch's thousands of parameters.
 */
export async function upsertMirrorRows(trx: Trx, table: MirrorTable, rows: Array<Record<string, unknown> & { id: string }>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const names = columns.map(snakeCase);
  const dataAt = columns.indexOf('data');
  const eventAt = columns.indexOf('asOfEventId');
  const value = (placeholders: string[]) =>
    `(${placeholders.map((p, i) => (i === dataAt && eventAt >= 0 ? `coalesce(${p}::jsonb, (select e.payload->'data'->'object' from ops.stripe_events e where e.id = ${placeholders[eventAt]}::text))` : p)).join(', ')})`;
  const updates = names.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  for (const chunk of chunks(rows)) {
    await runSql(
      trx,
      `insert into ${snakeCase(table)} (${names.join(', ')}) values ${valueRows(chunk.length, columns.length, value)} on conflict (id) do update set ${updates}`,
      chunk.flatMap((row) => columns.map((c) => row[c])),
    );
  }
}

/** Gone at Stripe: the last full state is kept, marked deleted (once: the first deletion time stays). */
export async function markMirrorRowDeleted(trx: Trx, table: MirrorTable, id: string, at: { asOf: number; eventId: string | null }): Promise<void> {
  await trx
    .updateTable(table as 'billing.customers')
    .set({ deletedAt: sql`coalesce(deleted_at, to_timestamp(${at.asOf}))`, asOf: at.asOf, asOfEventId: at.eventId })
    .where('id', '=', id)
    .execute();
}

/** Child rows are replaced with their parents, so removed items and lines disappear too. */
export async function replaceChildRows(trx: Trx, table: 'billing.subscriptionItems' | 'billing.invoiceLines', parentIds: string[], rows: Record<string, unknown>[]): Promise<void> {
  if (parentIds.length === 0) return;
  const parent = table === 'billing.subscriptionItems' ? 'subscriptionId' : 'invoiceId';
  await trx.deleteFrom(table).where(parent, '=', sql<string>`any(${parentIds}::text[])`).execute();
  for (const chunk of chunks(rows)) {
    const insert = trx.insertInto(table).values(chunk as never);
    await (table === 'billing.invoiceLines' ? insert.onConflict((oc) => oc.columns(['invoiceId', 'id']).doNothing()) : insert).execute();
  }
}

export type SubscriptionHistoryRow = {
  subscriptionId: string;
  customerId: string;
  effectiveAt: Date;
  source: 'event' | 'fetch';
  sourceId: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  items: string;
  couponIds: string[];
  currentPeriodEnd: Date | null;
  currency: string | null;
  /** JSON of HistoryDiscount[] (subscriptionHistory.ts). */
  discounts: string;
};

/** One row per state; a state already recorded (same source and id) is a no-op. */
export async function insertSubscriptionHistory(trx: Trx, rows: SubscriptionHistoryRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await trx.insertInto('billing.subscriptionHistory').values(chunk).onConflict((oc) => oc.columns(['subscriptionId', 'source', 'sourceId']).doNothing()).execute();
  }
}

export type UpcomingInvoiceRow = {
  subscriptionId: string;
  customerId: string;
  amountDue: number;
  currency: string;
  nextPaymentAttempt: Date | null;
  asOf: number;
  asOfEventId: string;
  data: string;
};

/** The latest upcoming invoice per subscription; an older one never replaces a newer (one row per subscription per call). */
export async function upsertUpcomingInvoices(trx: Trx, rows: UpcomingInvoiceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('billing.upcomingInvoices')
    .values(rows.map((r) => ({ ...r, deletedAt: null, syncedAt: new Date() })))
    .onConflict((oc) =>
      oc
        .column('subscriptionId')
        .doUpdateSet((eb) => ({
          customerId: eb.ref('excluded.customerId'),
          amountDue: eb.ref('excluded.amountDue'),
          currency: eb.ref('excluded.currency'),
          nextPaymentAttempt: eb.ref('excluded.nextPaymentAttempt'),
          asOf: eb.ref('excluded.asOf'),
          asOfEventId: eb.ref('excluded.asOfEventId'),
          deletedAt: eb.ref('excluded.deletedAt'),
          data: eb.ref('excluded.data'),
          syncedAt: eb.ref('excluded.syncedAt'),
        }))
        .where('billing.upcomingInvoices.asOf', '<=', sql<string>`excluded.as_of`),
    )
    .execute();
}

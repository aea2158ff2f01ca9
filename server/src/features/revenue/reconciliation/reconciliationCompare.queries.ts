import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { ReconciliationReason, TReconciliationDifference, TReconciliationDifferencesPage, TReconciliationDifferencesRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { decodeDifferenceCursor, encodeDifferenceCursor } from './reconciliationCursor.js';

/** Opsdesk's side of a reconciliation, what the mirror knows of the customers that differ, and the stored differences. */

/** Each customer's MRR at the end of `day` under the Stripe policy: their latest change point on or before it. */
export async function findOpsdeskMrrOnDay(db: DbOrTrx, day: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ customerId: string; mrrCents: string }>`
    select distinct on (customer_id) customer_id, mrr_cents from revenue.customer_mrr_changes
    where policy = 'stripe' and day <= ${day}::date
    order by customer_id, day desc`.execute(db);
  return new Map(rows.map((r) => [r.customerId, Number(r.mrrCents)]));
}

/** How many subscriptions the mirror holds: the progress bar's total until Stripe's own count is known. */
export async function countMirrorSubscriptions(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ count: string }>`select count(*) as count from billing.subscriptions`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

export interface MirrorSubscription {
  id: string;
  customerId: string;
  /** Unix seconds of the event (or fetch) that gave the mirror its copy. */
  asOf: number;
  data: Stripe.Subscription;
}

/** The mirror's customers and subscriptions among some ids (one batch of differing customers). */
export async function findMirrorFacts(db: DbOrTrx, customerIds: readonly string[], subscriptionIds: readonly string[]) {
  const [customers, subscriptions] = await Promise.all([
    sql<{ id: string }>`select id from billing.customers where id = any(${customerIds as string[]}::text[])`.execute(db),
    sql<{ id: string; customerId: string; asOf: string; data: Stripe.Subscription }>`
      select id, customer_id, as_of, data from billing.subscriptions where id = any(${subscriptionIds as string[]}::text[])`.execute(db),
  ]);
  return {
    knownCustomers: new Set(customers.rows.map((r) => r.id)),
    subscriptions: new Map<string, MirrorSubscription>(subscriptions.rows.map((r) => [r.id, { ...r, asOf: Number(r.asOf) }])),
  };
}

export interface NewDifference {
  customerId: string;
  opsdeskCents: number;
  stripeCents: number;
  reason: ReconciliationReason;
  subscriptionId: string | null;
  note: string | null;
}

/** In the order given (the most important first), so keyset paging by id keeps that order. One statement per call. */
export async function insertDifferences(db: DbOrTrx, runId: string, rows: readonly NewDifference[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof NewDifference>(key: K) => rows.map((r) => r[key]);
  await sql`
    insert into ops.revenue_reconciliation_differences (run_id, customer_id, opsdesk_cents, stripe_cents, difference_cents, reason, subscription_id, note)
    select ${runId}::uuid, customer_id, opsdesk, stripe, stripe - opsdesk, reason, subscription_id, note
    from unnest(${col('customerId')}::text[], ${col('opsdeskCents')}::bigint[], ${col('stripeCents')}::bigint[], ${col('reason')}::text[],
      ${col('subscriptionId')}::text[], ${col('note')}::text[]) with ordinality as d(customer_id, opsdesk, stripe, reason, subscription_id, note, position)
    order by position`.execute(db);
}

export async function findDifferencesPage(db: DbOrTrx, request: TReconciliationDifferencesRequest): Promise<TReconciliationDifferencesPage> {
  const after = request.cursor ? decodeDifferenceCursor(request.cursor) : null;
  const { rows } = await sql<Omit<TReconciliationDifference, 'opsdeskCents' | 'stripeCents' | 'differenceCents'> & Record<'opsdeskCents' | 'stripeCents' | 'differenceCents', string>>`
    select d.id::text as id, d.customer_id, c.name as customer_name, c.email as customer_email, d.opsdesk_cents, d.stripe_cents, d.difference_cents,
      d.reason, d.subscription_id, d.note
    from ops.revenue_reconciliation_differences d left join billing.customers c on c.id = d.customer_id
    where d.run_id = ${request.runId}::uuid ${after ? sql`and d.id > ${after}::bigint` : sql``}
    order by d.id limit ${request.limit + 1}`.execute(db);
  const page = rows.slice(0, request.limit).map((r) => ({ ...r, opsdeskCents: Number(r.opsdeskCents), stripeCents: Number(r.stripeCents), differenceCents: Number(r.differenceCents) }));
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > request.limit && last ? encodeDifferenceCursor(last.id) : null };
}

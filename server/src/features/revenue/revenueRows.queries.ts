import { sql } from 'kysely';
import type { RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { CustomerRevenueRows, RevenueSettings } from './revenueCompute.js';

/** Reading and replacing the precomputed rows (migration 0009_revenue_precomputed). */

export async function findRevenueSettings(db: DbOrTrx): Promise<RevenueSettings> {
  const { rows } = await sql<RevenueSettings>`select currency, past_due_churn_days from revenue.settings`.execute(db);
  return rows[0] ?? { currency: 'usd', pastDueChurnDays: 30 };
}

/** The settings, and whether the product schema is there to read countries from (one round trip for the incremental path). */
export async function findRefreshContext(db: DbOrTrx): Promise<{ settings: RevenueSettings; hasProductSchema: boolean }> {
  const { rows } = await sql<RevenueSettings & { hasProductSchema: boolean }>`
    select currency, past_due_churn_days, to_regclass('app.workspaces') is not null as has_product_schema from revenue.settings`.execute(db);
  const { hasProductSchema, ...settings } = rows[0] ?? { currency: 'usd', pastDueChurnDays: 30, hasProductSchema: false };
  return { settings, hasProductSchema };
}

export async function updateRevenueSettings(db: DbOrTrx, settings: RevenueSettings): Promise<void> {
  await sql`update revenue.settings set currency = ${settings.currency}, past_due_churn_days = ${settings.pastDueChurnDays}`.execute(db);
}

/**
 * Serialises refreshes of the same customer (two events of one customer in concurrent
 * transactions): the second waits, then reads the history the first committed, instead
 * of both replacing the rows from what each saw. In id order, so batches cannot deadlock.
 */
export async function lockCustomers(trx: DbOrTrx, customerIds: readonly string[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('revenue:' || id, 0)) from unnest(${customerIds as string[]}::text[]) id order by id`.execute(trx);
}

/** Removes the rows of some customers (one statement): change points and movements for `policies`, and (with `perCustomer`) exclusions and trials. */
export async function deleteCustomerRows(db: DbOrTrx, customerIds: readonly string[], policies: readonly RevenuePolicyName[], perCustomer: boolean): Promise<void> {
  const ids = customerIds as string[];
  const names = policies as RevenuePolicyName[];
  await sql`
    with changes as (delete from revenue.customer_mrr_changes where customer_id = any(${ids}::text[]) and policy = any(${names}::text[])),
      excluded as (delete from revenue.excluded_subscriptions where ${perCustomer} and customer_id = any(${ids}::text[])),
      trials as (delete from revenue.trials where ${perCustomer} and customer_id = any(${ids}::text[]))
    delete from revenue.movements where customer_id = any(${ids}::text[]) and policy = any(${names}::text[])`.execute(db);
}

/** Everything of some policies (a rebuild from scratch), or of every policy. */
export async function deleteAllRows(db: DbOrTrx, policies: readonly RevenuePolicyName[], perCustomer: boolean): Promise<void> {
  const names = policies as RevenuePolicyName[];
  await sql`delete from revenue.customer_mrr_changes where policy = any(${names}::text[])`.execute(db);
  await sql`delete from revenue.movements where policy = any(${names}::text[])`.execute(db);
  if (!perCustomer) return;
  await sql`truncate revenue.excluded_subscriptions, revenue.trials, revenue.customer_dimensions`.execute(db);
}

/** Every table in one statement whatever the number of rows (arrays unnested server-side, data-modifying CTEs). */
export async function insertCustomerRows(db: DbOrTrx, rows: CustomerRevenueRows, perCustomer: boolean): Promise<void> {
  const { changes, movements } = rows;
  const excluded = perCustomer ? rows.excluded : [];
  const trials = perCustomer ? rows.trials : [];
  const col = <K extends keyof (typeof movements)[number]>(key: K) => movements.map((m) => m[key]);
  await sql`
    with changes as (
      insert into revenue.customer_mrr_changes (policy, customer_id, day, mrr_cents, currency)
      select * from unnest(${changes.map((c) => c.policy)}::text[], ${changes.map((c) => c.customerId)}::text[], ${changes.map((c) => c.day)}::date[],
        ${changes.map((c) => c.mrrCents)}::bigint[], ${changes.map((c) => c.currency)}::text[])),
    excluded as (
      insert into revenue.excluded_subscriptions (subscription_id, customer_id, currency)
      select * from unnest(${excluded.map((e) => e.subscriptionId)}::text[], ${excluded.map((e) => e.customerId)}::text[], ${excluded.map((e) => e.currency)}::text[])),
    trials as (
      insert into revenue.trials (subscription_id, customer_id, started_day, converted_day)
      select * from unnest(${trials.map((t) => t.subscriptionId)}::text[], ${trials.map((t) => t.customerId)}::text[], ${trials.map((t) => t.startedDay)}::date[], ${trials.map((t) => t.convertedDay)}::date[]))
    insert into revenue.movements (policy, customer_id, day, kind, amount_cents, before_cents, after_cents, cohort_month, subscription_id, source_event_id)
    select * from unnest(${col('policy')}::text[], ${col('customerId')}::text[], ${col('day')}::date[], ${col('kind')}::text[], ${col('amountCents')}::bigint[],
      ${col('beforeCents')}::bigint[], ${col('afterCents')}::bigint[], ${col('cohortMonth')}::date[], ${col('subscriptionId')}::text[], ${col('sourceEventId')}::text[])`.execute(db);
}

/**
 * The filters' dimensions, from each customer's latest recorded state: plan = the first
 * item's product name, billing interval = its price's interval, country = the Stripe
 * address, else the owning product user's country (when the product schema is there).
 */
export async function upsertCustomerDimensions(db: DbOrTrx, customerIds: readonly string[], hasProductSchema: boolean): Promise<void> {
  if (customerIds.length === 0) return;
  const appCountry = hasProductSchema
    ? sql`(select u.country from app.workspaces w join app.users u on u.id = w.owner_user_id where w.stripe_customer_id = ids.id limit 1)`
    : sql`null`;
  await sql`
    insert into revenue.customer_dimensions (customer_id, plan, billing_interval, country)
    select ids.id, latest.plan, latest.billing_interval, coalesce(upper(c.data -> 'address' ->> 'country'), upper(trim(${appCountry})))
    from unnest(${customerIds as string[]}::text[]) as ids(id)
    left join lateral (
      select coalesce(p.name, h.items -> 0 ->> 'product', h.items -> 0 ->> 'price') as plan, h.items -> 0 ->> 'interval' as billing_interval
      from billing.subscription_history h left join billing.products p on p.id = h.items -> 0 ->> 'product'
      where h.customer_id = ids.id order by h.effective_at desc, h.id desc limit 1) latest on true
    left join billing.customers c on c.id = ids.id
    on conflict (customer_id) do update set plan = excluded.plan, billing_interval = excluded.billing_interval, country = excluded.country`.execute(db);
}

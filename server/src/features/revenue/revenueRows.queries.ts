import { sql, type RawBuilder } from 'kysely';
import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { MIRROR_WRITES_LOCK } from '../billing/mirror/mirror.queries.js';
import type { CustomerRevenueRows, RevenueSettings } from './revenueCompute.js';
import { deleteRollups, rollupDeltaCtes, sameMovement } from './revenueRollups.queries.js';
import { routine, type RoutineDefinition } from './revenueRoutines.js';

/** Reading and replacing the precomputed rows (migrations 0009_revenue_precomputed, 0011_revenue_rollups). */

export interface RebuildContext {
  settings: RevenueSettings;
  /** Whether the product schema is there to read countries from. */
  hasProductSchema: boolean;
}

/**
 * One round trip: the billing mirror's write lock (MIRROR_WRITES_LOCK, the key
 * lockMirrorWrites takes), then what the rows are computed with (the rebuild's batches).
 * Revenue writers queue behind the mirror's, so two refreshes of one customer, or two
 * merges into one rollup key, never interleave; the incremental refresh takes the same
 * lock inside its read (revenueRefreshInputs.queries.ts).
 */
export async function lockRevenueWrites(trx: DbOrTrx): Promise<RebuildContext> {
  const { rows } = await sql<RevenueSettings & { hasProductSchema: boolean }>`
    select currency, past_due_churn_days, to_regclass('app.workspaces') is not null as has_product_schema
    from revenue.settings cross join (select ${sql.raw(MIRROR_WRITES_LOCK)}) as locked`.execute(trx);
  const { hasProductSchema, ...settings } = rows[0] ?? { currency: 'usd', pastDueChurnDays: 30, hasProductSchema: false };
  return { settings, hasProductSchema };
}

export async function findRevenueSettings(db: DbOrTrx): Promise<RevenueSettings> {
  const { rows } = await sql<RevenueSettings>`select currency, past_due_churn_days from revenue.settings`.execute(db);
  return rows[0] ?? { currency: 'usd', pastDueChurnDays: 30 };
}

export async function updateRevenueSettings(db: DbOrTrx, settings: RevenueSettings): Promise<void> {
  await sql`update revenue.settings set currency = ${settings.currency}, past_due_churn_days = ${settings.pastDueChurnDays}`.execute(db);
}

/** Everything of some policies (a rebuild from scratch), or of every policy. */
export async function deleteAllRows(db: DbOrTrx, policies: readonly RevenuePolicyName[], perCustomer: boolean): Promise<void> {
  const names = policies as RevenuePolicyName[];
  await sql`delete from revenue.customer_mrr_changes where policy = any(${names}::text[])`.execute(db);
  await sql`delete from revenue.movements where policy = any(${names}::text[])`.execute(db);
  await deleteRollups(db, policies);
  if (!perCustomer) return;
  await sql`truncate revenue.excluded_subscriptions, revenue.trials, revenue.customer_dimensions`.execute(db);
}

export interface ReplaceOptions {
  policies: readonly RevenuePolicyName[];
  /** Every policy at once: exclusions, trials and dimensions are replaced too. */
  perCustomer: boolean;
  /** Apply the change to the rollups (the incremental path); a rebuild computes them at the end instead. */
  rollups: boolean;
  hasProductSchema: boolean;
}

/**
 * One statement: some customers' rows become `rows`. Only what differs is written — an
 * unchanged row is not even locked, a movement keeps its id — and, with `rollups`, the
 * rollups take the difference (revenueRollups.queries.ts). Each table's deletes and
 * upserts touch disjoint keys, as data-modifying CTEs run in no set order. Arrays are
 * unnested server-side, so the statement's text is the same whatever the number of
 * customers. Stored rows are read once by customer and compared with the new ones in
 * memory (`except`), not probed by key per new row; and no filter is `= any(ids)` over
 * a scanned table (a linear search of the array per row, slow at 1,000 customers).
 */
export async function replaceCustomerRows(db: DbOrTrx, customerIds: readonly string[], rows: CustomerRevenueRows, options: ReplaceOptions): Promise<void> {
  await sql`with ${replaceCtes(replaceArgs(customerIds, rows, options), options)} select 1`.execute(db);
}

/** The incremental path's write: every policy, the per-customer rows and the rollups, through its routine (revenueRoutines.ts). */
export async function writeCustomerRows(db: DbOrTrx, customerIds: readonly string[], rows: CustomerRevenueRows): Promise<void> {
  await routine(db, REFRESH_WRITE).call(replaceArgs(customerIds, rows, INCREMENTAL)).execute(db);
}

const INCREMENTAL = { policies: REVENUE_POLICY_NAMES, perCustomer: true, rollups: true } as const;

export const REFRESH_WRITE: RoutineDefinition<ReplaceArgs> = {
  kind: 'refresh_write',
  statement: (args, hasProductSchema) => sql`with ${replaceCtes(args, { ...INCREMENTAL, hasProductSchema })} select 1`,
  returns: 'void',
};

/** The statement's values, one array per column (unnested server-side, so its text is the same whatever the number of rows). */
interface ReplaceArgs {
  ids: readonly string[];
  policies: readonly string[];
  perCustomer: boolean;
  movementPolicy: string[];
  movementCustomer: string[];
  movementDay: string[];
  movementKind: string[];
  movementAmount: number[];
  movementBefore: number[];
  movementAfter: number[];
  movementCohort: string[];
  movementSubscription: Array<string | null>;
  movementEvent: Array<string | null>;
  changePolicy: string[];
  changeCustomer: string[];
  changeDay: string[];
  changeMrr: number[];
  changeCurrency: string[];
  excludedSubscription: string[];
  excludedCustomer: string[];
  excludedCurrency: string[];
  trialSubscription: string[];
  trialCustomer: string[];
  trialStarted: string[];
  trialConverted: Array<string | null>;
}

function replaceArgs(customerIds: readonly string[], rows: CustomerRevenueRows, options: Pick<ReplaceOptions, 'policies' | 'perCustomer'>): ReplaceArgs {
  const { changes: c, movements: m } = rows;
  const x = options.perCustomer ? rows.excluded : [];
  const t = options.perCustomer ? rows.trials : [];
  return {
    ids: customerIds,
    policies: options.policies,
    perCustomer: options.perCustomer,
    movementPolicy: m.map((r) => r.policy),
    movementCustomer: m.map((r) => r.customerId),
    movementDay: m.map((r) => r.day),
    movementKind: m.map((r) => r.kind),
    movementAmount: m.map((r) => r.amountCents),
    movementBefore: m.map((r) => r.beforeCents),
    movementAfter: m.map((r) => r.afterCents),
    movementCohort: m.map((r) => r.cohortMonth),
    movementSubscription: m.map((r) => r.subscriptionId),
    movementEvent: m.map((r) => r.sourceEventId),
    changePolicy: c.map((r) => r.policy),
    changeCustomer: c.map((r) => r.customerId),
    changeDay: c.map((r) => r.day),
    changeMrr: c.map((r) => r.mrrCents),
    changeCurrency: c.map((r) => r.currency),
    excludedSubscription: x.map((r) => r.subscriptionId),
    excludedCustomer: x.map((r) => r.customerId),
    excludedCurrency: x.map((r) => r.currency),
    trialSubscription: t.map((r) => r.subscriptionId),
    trialCustomer: t.map((r) => r.customerId),
    trialStarted: t.map((r) => r.startedDay),
    trialConverted: t.map((r) => r.convertedDay),
  };
}

function replaceCtes(args: ReplaceArgs, options: Omit<ReplaceOptions, 'policies'>): RawBuilder<unknown> {
  const { ids, policies: names } = args;
  const perCustomer = sql`${args.perCustomer}::boolean`;
  return sql`
    new_m as (
      select * from unnest(${args.movementPolicy}::text[], ${args.movementCustomer}::text[], ${args.movementDay}::date[], ${args.movementKind}::text[], ${args.movementAmount}::bigint[],
        ${args.movementBefore}::bigint[], ${args.movementAfter}::bigint[], ${args.movementCohort}::date[], ${args.movementSubscription}::text[], ${args.movementEvent}::text[])
        with ordinality as t(policy, customer_id, day, kind, amount_cents, before_cents, after_cents, cohort_month, subscription_id, source_event_id, ord)),
    old_m as (
      select id, policy, customer_id, day, kind, amount_cents, before_cents, after_cents, cohort_month, subscription_id, source_event_id
      from revenue.movements where customer_id = any(${ids}::text[]) and policy = any(${names}::text[])),
    kept as (select o.id, n.ord from old_m o join new_m n on ${sameMovement('n', 'o')}),
    gone_m as (delete from revenue.movements m using old_m o where m.id = o.id and o.id not in (select id from kept)),
    added_m as (
      insert into revenue.movements (policy, customer_id, day, kind, amount_cents, before_cents, after_cents, cohort_month, subscription_id, source_event_id)
      select n.policy, n.customer_id, n.day, n.kind, n.amount_cents, n.before_cents, n.after_cents, n.cohort_month, n.subscription_id, n.source_event_id
      from new_m n where n.ord not in (select ord from kept)),
    new_c as (
      select * from unnest(${args.changePolicy}::text[], ${args.changeCustomer}::text[], ${args.changeDay}::date[], ${args.changeMrr}::bigint[], ${args.changeCurrency}::text[])
        as t(policy, customer_id, day, mrr_cents, currency)),
    old_c as (
      select policy, customer_id, day, mrr_cents, currency from revenue.customer_mrr_changes
      where customer_id = any(${ids}::text[]) and policy = any(${names}::text[])),
    gone_c as (
      delete from revenue.customer_mrr_changes c using (select policy, customer_id, day from old_c except select policy, customer_id, day from new_c) g
      where c.policy = g.policy and c.customer_id = g.customer_id and c.day = g.day),
    put_c as (
      insert into revenue.customer_mrr_changes as c (policy, customer_id, day, mrr_cents, currency)
      select * from (select * from new_c except select * from old_c) n
      on conflict (policy, customer_id, day) do update set mrr_cents = excluded.mrr_cents, currency = excluded.currency),
    new_x as (
      select * from unnest(${args.excludedSubscription}::text[], ${args.excludedCustomer}::text[], ${args.excludedCurrency}::text[]) as t(subscription_id, customer_id, currency)),
    gone_x as (
      delete from revenue.excluded_subscriptions e where ${perCustomer} and e.customer_id = any(${ids}::text[])
        and e.subscription_id not in (select subscription_id from new_x)),
    put_x as (
      insert into revenue.excluded_subscriptions (subscription_id, customer_id, currency)
      select n.* from new_x n
      where not exists (select 1 from revenue.excluded_subscriptions x where x.subscription_id = n.subscription_id and x.customer_id = n.customer_id and x.currency = n.currency)
      on conflict (subscription_id) do update set customer_id = excluded.customer_id, currency = excluded.currency),
    new_t as (
      select * from unnest(${args.trialSubscription}::text[], ${args.trialCustomer}::text[], ${args.trialStarted}::date[], ${args.trialConverted}::date[])
        as t(subscription_id, customer_id, started_day, converted_day)),
    gone_t as (
      delete from revenue.trials t where ${perCustomer} and t.customer_id = any(${ids}::text[]) and t.subscription_id not in (select subscription_id from new_t)),
    put_t as (
      insert into revenue.trials (subscription_id, customer_id, started_day, converted_day)
      select n.* from new_t n
      where not exists (select 1 from revenue.trials x where x.subscription_id = n.subscription_id and x.customer_id = n.customer_id
        and x.started_day = n.started_day and x.converted_day is not distinct from n.converted_day)
      on conflict (subscription_id) do update set customer_id = excluded.customer_id, started_day = excluded.started_day, converted_day = excluded.converted_day),
    old_d as (select customer_id, plan, billing_interval, country from revenue.customer_dimensions where customer_id = any(${ids}::text[])),
    new_d as (${options.perCustomer ? newDimensions(ids, options.hasProductSchema) : sql`select * from old_d`}),
    put_d as (
      insert into revenue.customer_dimensions (customer_id, plan, billing_interval, country)
      select n.* from new_d n
      where ${perCustomer} and not exists (select 1 from old_d o where o.customer_id = n.customer_id
        and o.plan is not distinct from n.plan and o.billing_interval is not distinct from n.billing_interval and o.country is not distinct from n.country)
      on conflict (customer_id) do update set plan = excluded.plan, billing_interval = excluded.billing_interval, country = excluded.country),
    gone_d as (delete from revenue.customer_dimensions where ${perCustomer} and customer_id = any(${ids}::text[]) and customer_id not in (select customer_id from new_d))
    ${options.rollups ? sql`, ${rollupDeltaCtes()}` : sql``}`;
}

/**
 * The filters' dimensions, from each customer's latest recorded state: plan = the first
 * item's product name, billing interval = its price's interval, country = the Stripe
 * address, else the owning product user's country (when the product schema is there).
 * A customer without history has none (as after a rebuild, which walks the history).
 */
export function newDimensions(ids: readonly string[], hasProductSchema: boolean): RawBuilder<unknown> {
  const appCountry = hasProductSchema
    ? sql`(select u.country from app.workspaces w join app.users u on u.id = w.owner_user_id where w.stripe_customer_id = ids.id limit 1)`
    : sql`null`;
  return sql`
    select ids.id as customer_id, latest.plan, latest.billing_interval, coalesce(upper(c.data -> 'address' ->> 'country'), upper(trim(${appCountry}))) as country
    from unnest(${ids}::text[]) as ids(id)
    join lateral (
      select coalesce(p.name, h.items -> 0 ->> 'product', h.items -> 0 ->> 'price') as plan, h.items -> 0 ->> 'interval' as billing_interval
      from billing.subscription_history h left join billing.products p on p.id = h.items -> 0 ->> 'product'
      where h.customer_id = ids.id order by h.effective_at desc, h.id desc limit 1) latest on true
    left join billing.customers c on c.id = ids.id`;
}

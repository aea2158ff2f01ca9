import { sql, type RawBuilder } from 'kysely';
import type { RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { HISTORY_COUPONS, LIFECYCLE_ORDER, toHistoryCoupons, type HistoryRow } from './revenueHistory.queries.js';
import { cachedQuery, executeCached } from './revenuePlanCache.js';
import { newDimensions } from './revenueRows.queries.js';

/**
 * What the incremental refresh reads in one round trip, per customer: their full
 * history (what the engine replays) and the rows stored for them now, in the order the
 * engine produces its own (policy as in `policies`, then day), so refreshCustomerRevenue
 * can tell a customer whose rows would not change — a renewal, most webhook events —
 * and leave them out of the write. One JSON object per customer (its stored rows as
 * arrays), through a function planned once per connection like the write: planning the
 * read took as long as running it for one customer.
 */
export interface StoredRevenue {
  /** [policy, day, kind, amount, before, after, cohort month, subscription, source event] */
  movements: unknown[][];
  /** [policy, day, mrr, currency] */
  changes: unknown[][];
  /** [subscription, currency], by subscription id */
  excluded: unknown[][];
  /** [subscription, started day, converted day], by subscription id */
  trials: unknown[][];
  /** The filters' dimensions the latest state gives differ from the stored ones (or one side has none). */
  dimensionsMoved: boolean;
}

export interface RefreshInput {
  customerId: string;
  history: HistoryRow[];
  stored: StoredRevenue;
}

interface InputRow extends Omit<StoredRevenue, 'movements' | 'changes' | 'excluded' | 'trials'> {
  customerId: string;
  history: Array<Omit<HistoryRow, 'effectiveAt' | 'trialEnd' | 'currentPeriodEnd'> & { effectiveAt: string; trialEnd: string | null; currentPeriodEnd: string | null }> | null;
  movements: unknown[][] | null;
  changes: unknown[][] | null;
  excluded: unknown[][] | null;
  trials: unknown[][] | null;
}

const asDate = (value: string | null) => (value === null ? null : new Date(value));

/** Through its function planned once per connection (revenuePlanCache.ts); `cached`: the functions this connection has. */
export async function findRefreshInputs(db: DbOrTrx, customerIds: readonly string[], policies: readonly RevenuePolicyName[], hasProductSchema: boolean, cached: ReadonlySet<string>): Promise<RefreshInput[]> {
  const statement = cachedQuery(db, refreshInputsQuery(customerIds, policies, hasProductSchema));
  const rows = await executeCached<{ row: InputRow }>(db, statement, cached.has(statement.name));
  return rows.map(({ row }) => ({
    customerId: row.customerId,
    history: (row.history ?? []).map((h) => ({ ...h, effectiveAt: new Date(h.effectiveAt), trialEnd: asDate(h.trialEnd), currentPeriodEnd: asDate(h.currentPeriodEnd), coupons: toHistoryCoupons(h.coupons) })),
    stored: { movements: row.movements ?? [], changes: row.changes ?? [], excluded: row.excluded ?? [], trials: row.trials ?? [], dimensionsMoved: row.dimensionsMoved },
  }));
}

/** The read's function names (with and without the product schema): what lockRevenueWrites asks about. */
export function refreshInputsStatementNames(db: DbOrTrx): string[] {
  return [true, false].map((hasProductSchema) => cachedQuery(db, refreshInputsQuery([], [], hasProductSchema)).name);
}

/** One json object per customer, in the order of `customerIds`. Keys are camelCase inside JSON: the CamelCasePlugin renames columns, not JSON keys. */
function refreshInputsQuery(customerIds: readonly string[], policies: readonly RevenuePolicyName[], hasProductSchema: boolean): RawBuilder<unknown> {
  const ids = customerIds as string[];
  const names = policies as string[];
  return sql`
    with old_d as (select customer_id, plan, billing_interval, country from revenue.customer_dimensions where customer_id = any(${ids}::text[])),
    new_d as (${newDimensions(ids, hasProductSchema)}),
    moved_d as (
      select customer_id from (select * from old_d except select * from new_d) gone
      union select customer_id from (select * from new_d except select * from old_d) came)
    select json_build_object('customerId', ids.id,
      'history', (select json_agg(json_build_object('subscriptionId', h.subscription_id, 'customerId', h.customer_id, 'effectiveAt', h.effective_at, 'source', h.source,
          'sourceId', h.source_id, 'status', h.status, 'cancelAtPeriodEnd', h.cancel_at_period_end, 'trialEnd', h.trial_end, 'currentPeriodEnd', h.current_period_end,
          'currency', h.currency, 'items', h.items, 'coupons', ${HISTORY_COUPONS}) order by h.effective_at, ${LIFECYCLE_ORDER}, h.id)
        from billing.subscription_history h where h.customer_id = ids.id),
      'movements', (select json_agg(json_build_array(m.policy, m.day, m.kind, m.amount_cents, m.before_cents, m.after_cents, m.cohort_month, m.subscription_id, m.source_event_id)
          order by array_position(${names}::text[], m.policy), m.day, m.id)
        from revenue.movements m where m.customer_id = ids.id and m.policy = any(${names}::text[])),
      'changes', (select json_agg(json_build_array(c.policy, c.day, c.mrr_cents, c.currency) order by array_position(${names}::text[], c.policy), c.day)
        from revenue.customer_mrr_changes c where c.customer_id = ids.id and c.policy = any(${names}::text[])),
      'excluded', (select json_agg(json_build_array(e.subscription_id, e.currency) order by e.subscription_id collate "C")
        from revenue.excluded_subscriptions e where e.customer_id = ids.id),
      'trials', (select json_agg(json_build_array(t.subscription_id, t.started_day, t.converted_day) order by t.subscription_id collate "C")
        from revenue.trials t where t.customer_id = ids.id),
      'dimensionsMoved', ids.id in (select customer_id from moved_d))
    from unnest(${ids}::text[]) with ordinality as ids(id, ord)
    order by ids.ord`;
}

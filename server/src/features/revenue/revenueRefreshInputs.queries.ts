import { sql, type RawBuilder } from 'kysely';
import type { RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { HISTORY_COUPONS, LIFECYCLE_ORDER, toHistoryCoupons, type HistoryRow } from './revenueHistory.queries.js';
import type { RevenueSettings } from './revenueCompute.js';
import { MIRROR_WRITES_LOCK } from '../billing/mirror/mirror.queries.js';
import { newDimensions } from './revenueRows.queries.js';
import { routine, type RoutineDefinition } from './revenueRoutines.js';

/**
 * What the incremental refresh reads in its first round trip: under the mirror's write
 * lock, the settings, then per customer their full
 * history (what the engine replays) and the rows stored for them now, in the order the
 * engine produces its own (policy as in `policies`, then day), so refreshCustomerRevenue
 * can tell a customer whose rows would not change — a renewal, most webhook events —
 * and leave them out of the write. One JSON object per customer (its stored rows as
 * arrays), through a routine (revenueRoutines.ts) like the write: planning the read took
 * as long as running it for one customer.
 *
 * The lock is taken inside the routine, before the read: the webhook batch already holds
 * it (it returns at once); any other caller (a staff action) queues behind the mirror's
 * writers, so two refreshes of one customer, or two merges into one rollup key, never
 * interleave. Each statement of a plpgsql function takes its own snapshot, so the read
 * sees what the lock's previous holder committed.
 *
 * JIT goes off for the rest of the transaction (`set_config(…, true)`; in the webhook
 * batch only a few small keyed writes follow the refresh): the refresh's statements are
 * small in what they do but large in what the planner guesses (per-row subplans over
 * jsonb, thirty CTEs), enough to pass `jit_above_cost`, and compiling them with LLVM
 * took 100–450 ms for work that runs in about 1 ms.
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

interface ReadArgs {
  ids: readonly string[];
  policies: readonly RevenuePolicyName[];
}

export const REFRESH_READ: RoutineDefinition<ReadArgs> = {
  kind: 'refresh_read',
  statement: refreshInputsQuery,
  returns: 'setof json',
  prelude: `perform ${MIRROR_WRITES_LOCK}; perform set_config('jit', 'off', true);`,
  firstRow: `select json_build_object('currency', coalesce(s.currency, 'usd'), 'pastDueChurnDays', coalesce(s.past_due_churn_days, 30))
    from (values (1)) as one(n) left join revenue.settings s on true limit 1`,
};

/** One round trip: the lock, the settings, and each customer's history with their stored rows (in the order of `customerIds`). */
export async function findRefreshInputs(db: DbOrTrx, customerIds: readonly string[], policies: readonly RevenuePolicyName[]): Promise<{ settings: RevenueSettings; inputs: RefreshInput[] }> {
  const { rows } = await routine(db, REFRESH_READ).call({ ids: customerIds, policies }).execute(db);
  const [first, ...customers] = (rows as Array<{ row: string }>).map(({ row }) => JSON.parse(row) as unknown);
  const settings = first as RevenueSettings;
  const inputs = (customers as InputRow[]).map((row) => ({
    customerId: row.customerId,
    history: (row.history ?? []).map((h) => ({ ...h, effectiveAt: new Date(h.effectiveAt), trialEnd: asDate(h.trialEnd), currentPeriodEnd: asDate(h.currentPeriodEnd), coupons: toHistoryCoupons(h.coupons) })),
    stored: { movements: row.movements ?? [], changes: row.changes ?? [], excluded: row.excluded ?? [], trials: row.trials ?? [], dimensionsMoved: row.dimensionsMoved },
  }));
  return { settings, inputs };
}

/** One json object per customer, in the order of `customerIds`. Keys are camelCase inside JSON: the CamelCasePlugin renames columns, not JSON keys. */
function refreshInputsQuery(args: ReadArgs, hasProductSchema: boolean): RawBuilder<unknown> {
  const ids = args.ids;
  const names = args.policies;
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

import { sql } from 'kysely';
import { customerMovements, customerTimeline, REVENUE_POLICY_NAMES, type SubscriptionState } from '@opsdesk/shared';
import { coupon, monthly, subscription } from '@opsdesk/shared/revenue/revenue.testing';
import type { DbOrTrx } from '../../../db/database.js';

/**
 * Histories written straight into billing.subscription_history (as the mirror records
 * them), and what the shared engine says about the same states: the expected rows.
 */
let nextEvent = 1;

/** Records states (and the coupons they carry) like the webhook path: one `evt_` per state. */
export async function insertStates(db: DbOrTrx, states: readonly SubscriptionState[]): Promise<void> {
  for (const c of states.flatMap((s) => s.coupons)) {
    await sql`insert into billing.coupons (id, duration, duration_in_months, percent_off, amount_off, currency, valid, created, as_of, data)
      values (${c.id}, ${c.duration}, ${c.durationInMonths}, ${c.percentOff}, ${c.amountOff}, ${c.currency}, true, now(), 1, '{}')
      on conflict (id) do nothing`.execute(db);
  }
  for (const s of states) {
    const items = s.items.map((item, i) => ({ price: `price_${s.subscriptionId}_${i}`, product: 'prod_pro', quantity: item.quantity, unitAmount: item.unitAmount, currency: s.currency, interval: item.interval, intervalCount: item.intervalCount, usageType: item.usageType }));
    await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, trial_end, items, coupon_ids)
      values (${s.subscriptionId}, ${s.customerId}, ${s.effectiveAt}, 'event', ${`evt_test_${nextEvent++}`}, ${s.status}, ${s.cancelAtPeriodEnd}, ${s.trialEnd},
        ${JSON.stringify(items)}::jsonb, ${s.coupons.map((c) => c.id)}::text[])`.execute(db);
  }
}

const halfOff3Months = coupon('co_half_3m', { duration: 'repeating', durationInMonths: 3, percentOff: 50 });
const halfOffForever = coupon('co_half_forever', { percentOff: 50 });

/** A small company covering every movement and every policy difference. */
export const SCENARIO: SubscriptionState[] = [
  ...subscription('sub_a', 'cus_a', { at: '2025-01-10T09:00:00Z', items: [monthly(2900)] }, { at: '2025-02-15T10:00:00Z', items: [monthly(9900)] }, { at: '2025-03-20T10:00:00Z', items: [monthly(4900)] }),
  ...subscription('sub_b1', 'cus_b', { at: '2025-01-01T00:00:00Z', items: [monthly(2900)] }, { at: '2025-03-01T12:00:00Z', status: 'canceled' }),
  ...subscription('sub_b2', 'cus_b', { at: '2025-05-01T12:00:00Z', items: [monthly(3900)] }),
  ...subscription('sub_c1', 'cus_c', { at: '2025-01-01T00:00:00Z', items: [monthly(2900)] }),
  ...subscription('sub_c2', 'cus_c', { at: '2025-01-01T00:00:00Z', items: [monthly(4900)] }, { at: '2025-03-01T00:00:00Z', status: 'canceled' }),
  ...subscription('sub_d', 'cus_d', { at: '2025-01-15T00:00:00Z', items: [monthly(4900)], coupons: [halfOff3Months] }),
  ...subscription('sub_e', 'cus_e', { at: '2025-01-01T00:00:00Z', items: [monthly(5000)] }, { at: '2025-02-01T00:00:00Z', status: 'past_due' }, { at: '2025-03-15T00:00:00Z', status: 'unpaid' }),
  ...subscription('sub_f', 'cus_f', { at: '2025-01-01T00:00:00Z', status: 'trialing', items: [monthly(1900)] }, { at: '2025-01-15T00:00:00Z', status: 'active' }),
  ...subscription('sub_g', 'cus_g', { at: '2025-01-01T00:00:00Z', currency: 'eur', items: [monthly(9900)] }),
  ...subscription('sub_h', 'cus_h', { at: '2025-02-01T00:00:00Z', items: [monthly(120000, { interval: 'year' })], coupons: [halfOffForever] }),
];

export const SETTINGS = { currency: 'usd', pastDueChurnDays: 30 };

export function statesByCustomer(states: readonly SubscriptionState[]): Map<string, SubscriptionState[]> {
  const map = new Map<string, SubscriptionState[]>();
  for (const s of states) map.set(s.customerId, [...(map.get(s.customerId) ?? []), s]);
  return map;
}

/** The engine's change points and movements for every policy, as sorted plain rows. */
export function expectedRows(states: readonly SubscriptionState[]) {
  const changes: string[] = [];
  const movements: string[] = [];
  for (const policy of REVENUE_POLICY_NAMES) {
    for (const [customerId, own] of statesByCustomer(states)) {
      const timeline = customerTimeline(own, { policy, ...SETTINGS });
      for (const [day, mrr] of timeline) changes.push(`${policy} ${customerId} ${day} ${mrr}`);
      for (const m of customerMovements(customerId, timeline)) movements.push(`${policy} ${customerId} ${m.day} ${m.kind} ${m.amountCents} ${m.mrrBefore}→${m.mrrAfter}`);
    }
  }
  return { changes: changes.sort(), movements: movements.sort() };
}

/** The stored rows in the same plain form (and, for movements, with their ids). */
export async function storedRows(db: DbOrTrx) {
  const changes = await sql<{ line: string }>`select concat_ws(' ', policy, customer_id, to_char(day, 'YYYY-MM-DD'), mrr_cents) as line from revenue.customer_mrr_changes`.execute(db);
  const movements = await sql<{ id: string; line: string }>`
    select id::text, concat_ws(' ', policy, customer_id, to_char(day, 'YYYY-MM-DD'), kind, amount_cents, before_cents || '→' || after_cents) as line from revenue.movements`.execute(db);
  return {
    changes: changes.rows.map((r) => r.line).sort(),
    movements: movements.rows.map((r) => r.line).sort(),
    movementIds: new Map(movements.rows.map((r) => [r.line, r.id])),
  };
}

/**
 * Every derived revenue row as sorted plain lines, table by table (movement ids left
 * out: a rebuild numbers them afresh). Two ways of keeping the rows agree exactly when
 * these are equal.
 */
const SNAPSHOT_TABLES = {
  movements: sql`select concat_ws(' ', policy, customer_id, day, kind, amount_cents, before_cents, after_cents, cohort_month, subscription_id, source_event_id) as line from revenue.movements`,
  changes: sql`select concat_ws(' ', policy, customer_id, day, mrr_cents, currency) as line from revenue.customer_mrr_changes`,
  dimensions: sql`select concat_ws(' ', customer_id, plan, billing_interval, country) as line from revenue.customer_dimensions`,
  trials: sql`select concat_ws(' ', subscription_id, customer_id, started_day, converted_day) as line from revenue.trials`,
  excluded: sql`select concat_ws(' ', subscription_id, customer_id, currency) as line from revenue.excluded_subscriptions`,
  dailyRollups: sql`select concat_ws(' ', policy, level, plan, billing_interval, country, day, kind, amount_cents, movement_count) as line from revenue.daily_rollups`,
  cohortRollups: sql`select concat_ws(' ', policy, level, plan, billing_interval, country, cohort_month, day, amount_cents, customer_delta, movement_count) as line from revenue.cohort_rollups`,
  retentionRollups: sql`select concat_ws(' ', policy, level, plan, billing_interval, country, interval, bucket, retained_delta, retained_delta_capped, customer_count) as line from revenue.retention_rollups`,
};

export async function revenueSnapshot(db: DbOrTrx): Promise<Record<keyof typeof SNAPSHOT_TABLES, string[]>> {
  const snapshot = {} as Record<keyof typeof SNAPSHOT_TABLES, string[]>;
  for (const name of Object.keys(SNAPSHOT_TABLES) as Array<keyof typeof SNAPSHOT_TABLES>) {
    const { rows } = await sql<{ line: string }>`${SNAPSHOT_TABLES[name]}`.execute(db);
    snapshot[name] = rows.map((r) => r.line).sort();
  }
  return snapshot;
}

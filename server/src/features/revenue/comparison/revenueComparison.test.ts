import { sql } from 'kysely';
import { mrrAt, REVENUE_POLICY_NAMES, type Role, type SubscriptionState } from '@opsdesk/shared';
import { monthly, subscription } from '@opsdesk/shared/revenue/revenue.testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { rebuildRevenue } from '../revenueRebuild.js';
import { insertStates, SCENARIO, SETTINGS, statesByCustomer } from '../testing/revenueFixtures.js';

/**
 * The fixture company (revenueFixtures.ts) plus a customer who cancels nine days after
 * starting to pay. Expected figures: the engine's MRR of each customer on the day, so
 * the stored-row totals are checked against a replay of the same history.
 */
const HISTORY: SubscriptionState[] = [...SCENARIO, ...subscription('sub_q', 'cus_q', { at: '2025-04-01T00:00:00Z', items: [monthly(2900)] }, { at: '2025-04-10T00:00:00Z', status: 'canceled' })];

function engineTotals(day: string, policy: (typeof REVENUE_POLICY_NAMES)[number]) {
  const figures = [...statesByCustomer(HISTORY).values()].map((states) => mrrAt(states, day, { policy, ...SETTINGS }));
  return { mrr: figures.reduce((sum, mrr) => sum + mrr, 0), customers: figures.filter((mrr) => mrr > 0).length };
}

describe('revenue.comparePolicies', () => {
  let app: TestApp;
  let finance: Awaited<ReturnType<TestApp['callerAs']>>['api'];
  beforeAll(async () => {
    app = await createTestApp();
    await insertStates(app.db, HISTORY);
    await sql`insert into billing.customers (id, email, name, currency, created, as_of, data) values ('cus_d', 'dora@example.test', 'Dora Discount', 'usd', now(), 1, '{}')`.execute(app.db);
    await rebuildRevenue(app.db, { settings: SETTINGS });
    finance = (await app.callerAs(['finance'])).api;
  });
  afterAll(() => app.close());

  it('Stripe against Baremetrics on 10 March: the time-limited coupon and the long past_due, with the rule behind each', async () => {
    const comparison = await finance.revenue.comparePolicies({ a: 'stripe', b: 'baremetrics', day: '2025-03-10' });
    expect(comparison.rows).toEqual([
      { customerId: 'cus_d', customerName: 'Dora Discount', customerEmail: 'dora@example.test', mrrA: 4900, mrrB: 2450, differenceCents: -2450, reasons: ['coupons'], why: ['Time-limited coupon deducted under Baremetrics, not under Stripe'] },
      { customerId: 'cus_e', customerName: null, customerEmail: null, mrrA: 5000, mrrB: 0, differenceCents: -5000, reasons: ['pastDueChurnDays'], why: ['past_due for more than 30 days: churned under Baremetrics, still counted under Stripe'] },
    ]);
    const [stripe, baremetrics] = [engineTotals('2025-03-10', 'stripe'), engineTotals('2025-03-10', 'baremetrics')];
    expect(comparison.totals).toEqual({ mrrA: stripe.mrr, mrrB: baremetrics.mrr, differenceCents: -7450, customersA: stripe.customers, customersB: baremetrics.customers, differingCustomers: 2 });
    expect(comparison).toMatchObject({ a: 'stripe', b: 'baremetrics', day: '2025-03-10', currency: 'usd', nextCursor: null });
  });

  it('names the policy that applies the rule whichever side it is on, and ProfitWell’s cancelled-within-a-month rule', async () => {
    const reversed = await finance.revenue.comparePolicies({ a: 'chartmogul', b: 'stripe', day: '2025-02-15' });
    expect(reversed.rows.map((r) => [r.customerId, r.mrrA, r.mrrB, r.why])).toEqual([['cus_d', 2450, 4900, ['Time-limited coupon deducted under ChartMogul, not under Stripe']]]);

    const profitwell = await finance.revenue.comparePolicies({ a: 'stripe', b: 'profitwell', day: '2025-04-05' });
    expect(profitwell.rows.map((r) => [r.customerId, r.mrrA, r.mrrB, r.reasons, r.why])).toEqual([
      ['cus_q', 2900, 0, ['ignoreCancelledWithinMonth'], ['Cancelled within a month of starting to pay: never counted under ProfitWell, counted under Stripe']],
    ]);
  });

  it('finds nothing between a policy and itself, and sees only customers that match the filter', async () => {
    const same = await finance.revenue.comparePolicies({ a: 'chartmogul', b: 'chartmogul', day: '2025-03-10' });
    expect(same.rows).toEqual([]);
    expect(same.totals.differingCustomers).toBe(0);
    expect(same.totals.mrrA).toBe(same.totals.mrrB);
    const yearly = await finance.revenue.comparePolicies({ a: 'stripe', b: 'baremetrics', day: '2025-03-10', filter: { billingInterval: 'year' } });
    expect(yearly.rows).toEqual([]);
    expect(yearly.totals).toMatchObject({ mrrA: 5000, mrrB: 5000, customersA: 1 }); // cus_h alone
  });

  it('pages through the differing customers by keyset, and refuses a cursor it did not hand out', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await finance.revenue.comparePolicies({ a: 'stripe', b: 'baremetrics', day: '2025-03-10', limit: 1, cursor });
      expect(page.rows.length).toBeLessThanOrEqual(1);
      expect(page.totals.differingCustomers).toBe(2);
      seen.push(...page.rows.map((r) => r.customerId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['cus_d', 'cus_e']);
    for (const cursor of ['bm90LWEtY3Vyc29y', Buffer.from(JSON.stringify(['cus_\u0000'])).toString('base64url'), Buffer.from(JSON.stringify([{ id: 1 }])).toString('base64url')]) {
      await expect(finance.revenue.comparePolicies({ a: 'stripe', b: 'baremetrics', day: '2025-03-10', cursor })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it.each([
    ['an unknown policy', { a: 'stripe', b: 'mine', day: '2025-03-10' }],
    ['an impossible day', { a: 'stripe', b: 'profitwell', day: '2025-02-30' }],
    ['an unknown field', { a: 'stripe', b: 'profitwell', day: '2025-03-10', sql: 'drop table x' }],
    ['a limit too large', { a: 'stripe', b: 'profitwell', day: '2025-03-10', limit: 10_000 }],
  ])('refuses %s with BAD_REQUEST', async (_name, input) => {
    await expect(finance.revenue.comparePolicies(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each(['support', 'moderator', 'oncall'] as Role[])('refuses %s', async (role) => {
    const { api } = await app.callerAs([role]);
    await expect(api.revenue.comparePolicies({ a: 'stripe', b: 'chartmogul', day: '2025-03-10' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

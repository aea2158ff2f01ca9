import { sql } from 'kysely';
import { REVENUE_POLICY_NAMES, type RevenuePolicyName, type TRevenuePeriod } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { EXPECTED, type ExpectedMonth, type ExpectedMovement } from './revenueGolden.expected.js';
import { playGoldenScenario, type GoldenCustomer } from './revenueGolden.scenario.js';
import { rebuildRevenue } from './revenueRebuild.js';

/**
 * The golden scenario (issue 9 §5): a small company lived through the Stripe emulator
 * with a test clock, every event delivered to Opsdesk's signed /webhooks/stripe route,
 * applied to the mirror and to the revenue rows in the same batch, then read back
 * through the revenue procedures finance uses — against numbers worked out by hand
 * (revenueGolden.expected.ts) under all four policies; then again after a rebuild.
 */
const SETTINGS = { currency: 'usd', pastDueChurnDays: 30 };
const RANGE = { from: '2025-01-01', to: '2025-06-30' };

const byDayAndCustomer = (movements: readonly ExpectedMovement[]) => [...movements].sort((a, b) => (a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0].localeCompare(b[0])));

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

describe('the golden revenue scenario, from Stripe events to finance’s numbers', () => {
  let app: TestApp;
  let finance: Api;
  let ids: Record<GoldenCustomer, string>;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    ids = await playGoldenScenario({ stripe: app.deps.stripe, emulator: app.billing.emulator! });
    // No rebuild here: the rows read below are the ones the webhook batches kept up to date.
    finance = (await app.callerAs(['finance'])).api;
  }, 180_000);
  afterAll(() => app?.close());

  const historyOf = async (customer: GoldenCustomer) =>
    (await sql<{ status: string; effectiveAt: Date; currentPeriodEnd: Date | null; currency: string; discounts: Array<Record<string, unknown>> }>`
      select status, effective_at, current_period_end, currency, discounts from billing.subscription_history
      where customer_id = ${ids[customer]} order by effective_at, id`.execute(app.db)).rows;

  async function movementsUnder(policy: RevenuePolicyName): Promise<ExpectedMovement[]> {
    const page = await finance.revenue.drillDown({ policy, ...RANGE, limit: 200 });
    expect(page.nextCursor).toBeNull();
    return byDayAndCustomer(page.rows.map((r): ExpectedMovement => [r.day, r.customerName as GoldenCustomer, r.kind, r.amountCents]));
  }

  const monthOf = (p: TRevenuePeriod): ExpectedMonth => ({
    period: p.period, mrrStart: p.mrrStart, mrr: p.mrr, customersStart: p.customersStart, customers: p.customers, movements: p.movements,
    subscriberChurnRate: p.subscriberChurnRate, grossMrrChurnRate: p.grossMrrChurnRate, netMrrChurnRate: p.netMrrChurnRate, nrr: p.nrr, grr: p.grr, quickRatio: p.quickRatio,
  });

  /** Ratios compared to 12 decimals (they are float divisions); everything else exactly. */
  function expectMonth(actual: ExpectedMonth, expected: ExpectedMonth) {
    const ratios = ['subscriberChurnRate', 'grossMrrChurnRate', 'netMrrChurnRate', 'nrr', 'grr', 'quickRatio'] as const;
    for (const key of ratios) {
      if (expected[key] === null) expect(actual[key], `${expected.period} ${key}`).toBeNull();
      else expect(actual[key], `${expected.period} ${key}`).toBeCloseTo(expected[key]!, 12);
    }
    const exact = (m: ExpectedMonth) => ({ ...m, ...Object.fromEntries(ratios.map((k) => [k, null])) });
    expect(exact(actual)).toEqual(exact(expected));
  }

  it('records each state with its period end, currency and discounts as they were', async () => {
    const comeback = await historyOf('comeback');
    const cancelled = comeback.find((s) => s.status === 'canceled')!;
    // Cancelled 15 Feb in the period paid on 1 Feb: ProfitWell's churn day.
    expect(cancelled.effectiveAt.toISOString()).toBe('2025-02-15T12:00:00.000Z');
    expect(cancelled.currentPeriodEnd?.toISOString()).toBe('2025-03-01T00:00:00.000Z');

    expect(new Set((await historyOf('euro')).map((s) => s.currency))).toEqual(new Set(['eur']));

    const repeating = await historyOf('repeating');
    expect(repeating[0]!.discounts).toEqual([
      expect.objectContaining({ discountId: expect.stringMatching(/^di_/), couponId: 'golden_half_2m', duration: 'repeating', durationInMonths: 2, percentOff: 50, start: '2025-02-01T12:00:00.000Z', end: '2025-04-01T12:00:00.000Z' }),
    ]);

    // The forever coupon was deleted on 5 May; the states after it still carry its terms.
    const forever = await historyOf('forever');
    const afterDeletion = forever.filter((s) => s.effectiveAt > new Date('2025-05-05T12:00:00Z'));
    expect(afterDeletion.length).toBeGreaterThan(0);
    for (const state of afterDeletion) expect(state.discounts).toEqual([expect.objectContaining({ couponId: 'golden_half_forever', duration: 'forever', percentOff: 50 })]);
  });

  it.each(REVENUE_POLICY_NAMES)('%s: MRR, customers, movements, churn, NRR, GRR and quick ratio of every month', async (policy) => {
    const series = await finance.revenue.series({ policy, ...RANGE, interval: 'month' });
    expect(series.currency).toBe('usd');
    // The EUR subscription is listed as excluded, never added.
    expect(series.excludedSubscriptions).toBe(1);
    const months = series.periods.map(monthOf);
    expect(months.map((m) => m.period)).toEqual(EXPECTED[policy].months.map((m) => m.period));
    months.forEach((month, i) => expectMonth(month, EXPECTED[policy].months[i]!));
  });

  it.each(REVENUE_POLICY_NAMES)('%s: every movement, its day, customer and amount (the refund and the trial are none)', async (policy) => {
    expect(await movementsUnder(policy)).toEqual(byDayAndCustomer(EXPECTED[policy].movements));
  });

  it('headline cards: June against May, and LTV over the six months (stripe)', async () => {
    const overview = await finance.revenue.overview({ policy: 'stripe', to: '2025-06-30' });
    expectMonth(monthOf(overview.current), EXPECTED.stripe.months[5]!);
    expectMonth(monthOf(overview.previous), EXPECTED.stripe.months[4]!);
    // ARPA 44000 ÷ 8 = 5500. Churned Jan–Jun 0 + 1 + 1 + 1 + 0 + 0 = 3 over (0 + 8) + (8 + 1) + (8 + 1)
    // + (8 + 0) + (8 + 0) + (8 + 0) = 50 → 6 % a month; LTV 5500 ÷ 0.06 = 91666.67 → 91667.
    expect(overview.current.arpa).toBe(5500);
    expect(overview.ltv).toBe(91667);
  });

  it('a rebuild from the mirror gives the rows the webhook path kept', async () => {
    await rebuildRevenue(app.db, { settings: SETTINGS });
    for (const policy of REVENUE_POLICY_NAMES) {
      expect(await movementsUnder(policy), policy).toEqual(byDayAndCustomer(EXPECTED[policy].movements));
      const series = await finance.revenue.series({ policy, ...RANGE, interval: 'month' });
      series.periods.forEach((period, i) => expectMonth(monthOf(period), EXPECTED[policy].months[i]!));
    }
  });

  it('gives the same numbers whatever order the states of one second were recorded in', async () => {
    // A renewal and its failed payment share a second (dunning: 1 Feb 00:00, active then past_due);
    // their events reach the mirror in any order. Reversing the recording order of every row changes nothing.
    const sameSecond = await sql<{ n: string }>`select count(*) as n from (select 1 from billing.subscription_history
      group by subscription_id, effective_at having count(*) > 1) ties`.execute(app.db);
    expect(Number(sameSecond.rows[0]!.n)).toBeGreaterThan(0);
    await sql`update billing.subscription_history set id = -id`.execute(app.db);
    await rebuildRevenue(app.db, { settings: SETTINGS });
    for (const policy of REVENUE_POLICY_NAMES) expect(await movementsUnder(policy), policy).toEqual(byDayAndCustomer(EXPECTED[policy].movements));
  });

  // Last: it rewrites history rows to the shapes older or less lucky rows have.
  it('gives the same numbers from rows without their own discounts (coupon ids) or with a bare di_ id', async () => {
    // Rows recorded before migration 0010 have no discounts: coupon_ids and the mirrored coupon decide.
    await sql`update billing.subscription_history set discounts = null where customer_id = ${ids.repeating}`.execute(app.db);
    // A state whose discount arrived unexpanded takes the terms the same discount has in another state.
    await sql`update billing.subscription_history set discounts = jsonb_build_array(jsonb_build_object('discountId', discounts #>> '{0,discountId}', 'couponId', null))
      where customer_id = ${ids.forever} and effective_at = '2025-03-01T00:00:00Z'`.execute(app.db);
    await rebuildRevenue(app.db, { settings: SETTINGS });
    for (const policy of REVENUE_POLICY_NAMES) expect(await movementsUnder(policy), policy).toEqual(byDayAndCustomer(EXPECTED[policy].movements));
  });
});

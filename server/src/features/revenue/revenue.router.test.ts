import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { aggregatePeriods, customerTimeline, periodsBetween, type Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProcedures } from '../../trpc/procedureCatalog.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { rebuildRevenue } from './revenueRebuild.js';
import { insertStates, SCENARIO, SETTINGS, statesByCustomer } from './testing/revenueFixtures.js';

const range = { policy: 'stripe' as const, from: '2025-01-01', to: '2025-06-30' };
const revenueProcedures = listProcedures().filter((p) => p.path.startsWith('revenue.') && !p.path.startsWith('revenue.reconciliation.'));
/** A valid input for each procedure, so a refusal can only come from the permission. */
const INPUTS: Record<string, unknown> = {
  'revenue.overview': { to: '2025-06-30' },
  'revenue.series': range,
  'revenue.cohorts': range,
  'revenue.planMix': range,
  'revenue.trialConversion': range,
  'revenue.paymentRecovery': range,
  'revenue.drillDown': range,
  'revenue.explain': { movementId: '1' },
  'revenue.comparePolicies': { a: 'stripe', b: 'chartmogul', day: '2025-03-10' },
};

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];
const call = (api: Api, path: string, input: unknown) => (api.revenue as unknown as Record<string, (i: unknown) => Promise<unknown>>)[path.split('.')[1]!]!(input);

describe('revenue router', () => {
  let app: TestApp;
  let finance: Api;
  beforeAll(async () => {
    app = await createTestApp();
    await insertStates(app.db, SCENARIO);
    await rebuildRevenue(app.db, { settings: SETTINGS });
    finance = (await app.callerAs(['finance'])).api;
  });
  afterAll(() => app.close());

  it('has an input for every revenue procedure', () => {
    expect(revenueProcedures.map((p) => p.path).sort()).toEqual(Object.keys(INPUTS).sort());
  });

  it.each((['support', 'moderator', 'oncall'] as Role[]).flatMap((role) => revenueProcedures.map((p) => [role, p.path] as const)))('%s is refused %s', async (role, path) => {
    const { api } = await app.callerAs([role]);
    const refusal = await call(api, path, INPUTS[path]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect((refusal as TRPCError).code).toBe('FORBIDDEN');
  });

  it('admin may read', async () => {
    const { api } = await app.callerAs(['admin']);
    await expect(api.revenue.series(range)).resolves.toMatchObject({ policy: 'stripe', currency: 'usd' });
  });

  it('monthly series equals the engine’s periods over the same history, with its ratios', async () => {
    const series = await finance.revenue.series({ ...range, interval: 'month' });
    const timelines = new Map([...statesByCustomer(SCENARIO)].map(([id, states]) => [id, customerTimeline(states, { policy: 'stripe', ...SETTINGS })]));
    const engine = aggregatePeriods(timelines, periodsBetween(range.from, range.to, 'month'));
    expect(series.excludedSubscriptions).toBe(1);
    expect(series.periods.map((p) => [p.period, p.mrrStart, p.mrr, p.customers, p.movements, p.movementCounts, p.netNew])).toEqual(
      engine.map((p) => [p.label, p.mrrStart, p.mrr, p.customers, p.movements, p.movementCounts, p.netNew]),
    );
    const march = series.periods.find((p) => p.period === '2025-03')!;
    const engineMarch = engine.find((p) => p.label === '2025-03')!;
    expect(march.nrr).toBeCloseTo(engineMarch.retainedMrr / engineMarch.mrrStart, 12);
    expect(march.grr).toBeCloseTo(engineMarch.retainedMrrCapped / engineMarch.mrrStart, 12);
    // cus_b cancels (−29.00), cus_e goes unpaid (−50.00); cus_c ending one of two subscriptions is a contraction.
    expect(march.movements.churn).toBe(-7900);
    expect(march.movements.contraction).toBe(-4900 - 5000);
  });

  it('filters by plan and billing interval through the dimensions', async () => {
    const yearly = await finance.revenue.series({ ...range, filter: { billingInterval: 'year' } });
    expect(yearly.periods.at(-1)!.mrr).toBe(5000); // cus_h: 1,200.00 a year, 50 % off forever
    const none = await finance.revenue.series({ ...range, filter: { plan: 'No such plan' } });
    expect(none.periods.every((p) => p.mrr === 0)).toBe(true);
  });

  it('drill-down pages through the customers behind a number, and explains one', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await finance.revenue.drillDown({ ...range, kind: 'new', limit: 2, cursor });
      seen.push(...page.rows.map((r) => r.customerId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['cus_a', 'cus_b', 'cus_c', 'cus_d', 'cus_e', 'cus_f', 'cus_h']);

    const [churn] = (await finance.revenue.drillDown({ ...range, kind: 'churn' })).rows;
    expect(churn).toMatchObject({ customerId: 'cus_b', day: '2025-03-01', beforeCents: 2900, afterCents: 0, subscriptionId: 'sub_b1' });
    const explanation = await finance.revenue.explain({ movementId: churn!.movementId });
    expect(explanation.stateChanges).toEqual([expect.objectContaining({ subscriptionId: 'sub_b1', status: 'canceled', sourceId: churn!.sourceEventId, previous: expect.objectContaining({ status: 'active' }) })]);
  });

  it('refuses a cursor it did not hand out and a range backwards', async () => {
    await expect(finance.revenue.drillDown({ ...range, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(finance.revenue.series({ ...range, from: '2025-07-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(finance.revenue.series({ ...range, from: '2025-02-30' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('cohorts, plan mix, trials and recovery answer from the same rows', async () => {
    const cohorts = await finance.revenue.cohorts(range);
    const january = cohorts.find((c) => c.cohort === '2025-01')!;
    expect(january.customers).toHaveLength(6);
    expect(january.customers[0]).toBe(6); // a, b, c, d, e, f paid in January
    const mix = await finance.revenue.planMix(range);
    expect(mix.reduce((sum, p) => sum + p.mrr, 0)).toBe((await finance.revenue.series(range)).periods.at(-1)!.mrr);
    await expect(finance.revenue.trialConversion(range)).resolves.toEqual({ trialsStarted: 1, converted: 1, conversionRate: 1 });
    await expect(finance.revenue.paymentRecovery(range)).resolves.toMatchObject({ failedInvoices: 0, recoveredShare: { days7: null } });
  });

  it('failed-payment recovery: recovered within days, MRR recovered and MRR lost to involuntary churn', async () => {
    const invoice = (id: string, customerId: string, status: string, paidAt: string | null, failedAt: string) =>
      sql`with i as (insert into billing.invoices (id, customer_id, status, currency, amount_due, amount_paid, amount_remaining, paid_at, payment_intent_ids, created, as_of, data)
          values (${id}, ${customerId}, ${status}, 'usd', 2900, 0, 2900, ${paidAt}::timestamptz, array[${`pi_${id}`}], ${failedAt}::timestamptz, 1, '{}'))
        insert into billing.charges (id, customer_id, payment_intent_id, amount, currency, status, paid, refunded, disputed, created, as_of, data)
        values (${`ch_${id}`}, ${customerId}, ${`pi_${id}`}, 2900, 'usd', 'failed', false, false, false, ${failedAt}::timestamptz, 1, '{}')`.execute(app.db);
    await invoice('in_a', 'cus_a', 'paid', '2025-02-15T00:00:00Z', '2025-02-10T00:00:00Z'); // paid by dunning 5 days later
    await invoice('in_e', 'cus_e', 'open', null, '2025-02-01T00:00:00Z'); // never paid: cus_e goes unpaid on 15 Mar
    await expect(finance.revenue.paymentRecovery(range)).resolves.toEqual({
      failedInvoices: 2,
      recoveredWithin: { days7: 1, days14: 1, days30: 1 },
      recoveredShare: { days7: 0.5, days14: 0.5, days30: 0.5 },
      mrrRecovered: 2900, // cus_a's MRR on 10 Feb, before the upgrade of the 15th
      mrrLostToInvoluntaryChurn: 5000,
    });
  });
});

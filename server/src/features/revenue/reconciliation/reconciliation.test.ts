import { sql } from 'kysely';
import { todayUtc, type Role, type TReconciliationDifference } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { rebuildRevenue } from '../revenueRebuild.js';
import { reconciliationRunnerIdle } from './reconciliationRunner.js';

/**
 * Reconciliation against the real thing: a company built at the emulator through the
 * official SDK, mirrored by its signed webhooks, revenue rows rebuilt; then, with the
 * webhook endpoint disabled, Stripe changes the mirror never hears of. The expected
 * figures are worked out by hand below.
 */
type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

describe('revenue reconciliation with Stripe', () => {
  let app: TestApp;
  let finance: Api;
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string> = { a: '', b: '', c: '', d: '', e: '', f: '' };
  const subscriptions: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    const stripe = app.deps.stripe;
    const price = (currency: string, unit_amount: number, interval: 'month' | 'year', name: string) => stripe.prices.create({ currency, unit_amount, recurring: { interval }, product_data: { name } });
    const [pro, annual, euro, business] = await Promise.all([price('usd', 2000, 'month', 'Pro'), price('usd', 24_000, 'year', 'Annual'), price('eur', 3000, 'month', 'Euro'), price('usd', 5000, 'month', 'Business')]);
    const quarterOff = await stripe.coupons.create({ percent_off: 25, duration: 'forever' });
    const subscribe = async (key: keyof typeof ids, priceId: string, extra: { quantity?: number; coupon?: string } = {}) => {
      ids[key] ||= (await stripe.customers.create({ email: `${key}@example.test`, name: `Customer ${key.toUpperCase()}`, invoice_settings: { default_payment_method: 'pm_card_visa' } })).id;
      const sub = await stripe.subscriptions.create({ customer: ids[key], items: [{ price: priceId, quantity: extra.quantity ?? 1 }], ...(extra.coupon && { discounts: [{ coupon: extra.coupon }] }) });
      return sub;
    };
    subscriptions.a = (await subscribe('a', pro.id, { quantity: 2 })).id; // 2 × 20.00 = 40.00
    subscriptions.b = (await subscribe('b', annual.id, { coupon: quarterOff.id })).id; // 240.00 / 12 × 0.75 = 15.00
    subscriptions.c = (await subscribe('c', euro.id)).id; // 30.00 EUR: excluded
    subscriptions.d = (await subscribe('d', business.id)).id; // 50.00, then 3 × 50.00 unseen by the mirror
    subscriptions.e = (await subscribe('e', pro.id)).id; // cancelled: 0
    await stripe.subscriptions.cancel(subscriptions.e);
    await app.billing.emulator!.webhooksIdle();
    await rebuildRevenue(app.db, { settings: { currency: 'usd', pastDueChurnDays: 30 } });
    // From here on Stripe changes and the mirror never hears of it.
    for (const endpoint of (await stripe.webhookEndpoints.list()).data) await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    const dItem = (await stripe.subscriptions.retrieve(subscriptions.d)).items.data[0]!;
    await stripe.subscriptions.update(subscriptions.d, { items: [{ id: dItem.id, quantity: 3 }] }); // 150.00
    subscriptions.e2 = (await subscribe('e', pro.id)).id; // 20.00, a subscription the mirror lacks
    subscriptions.f = (await subscribe('f', pro.id)).id; // 20.00, a customer the mirror lacks
    finance = (await app.callerAs(['finance'])).api;
  }, 120_000);
  afterAll(async () => {
    await reconciliationRunnerIdle();
    await app?.close();
  });

  async function allDifferences(runId: string): Promise<TReconciliationDifference[]> {
    const rows: TReconciliationDifference[] = [];
    let cursor: string | undefined;
    do {
      const page = await finance.revenue.reconciliation.differences({ runId, cursor, limit: 2 });
      rows.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  }

  it('runs in the background and reconciles today to the cent, each difference with its reason', async () => {
    const started = await finance.revenue.reconciliation.start({});
    expect(started.created).toBe(true);
    expect(started.run).toMatchObject({ day: todayUtc(), currency: 'usd' });
    expect(['queued', 'running', 'succeeded']).toContain(started.run.status);
    await reconciliationRunnerIdle();

    const run = await finance.revenue.reconciliation.get({ runId: started.run.id });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    // a, b, c, d, e (cancelled), e's second, f: every subscription listed, and the bar full.
    expect(run.progress).toEqual({ done: 7, total: 7 });
    expect(run.totals).toEqual({ opsdeskCents: 4000 + 1500 + 5000, stripeCents: 4000 + 1500 + 15_000 + 2000 + 2000, differenceCents: 14_000 });
    expect(run).toMatchObject({ differencesCount: 4, differencesStored: 4, excludedSubscriptions: 1, customersCompared: 6 });

    const differences = await allDifferences(run.id);
    const byCustomer = new Map(differences.map((d) => [d.customerId, d]));
    expect(differences[0]).toMatchObject({ customerId: ids.d, reason: 'mirror_behind', opsdeskCents: 5000, stripeCents: 15_000, differenceCents: 10_000, subscriptionId: subscriptions.d, customerName: 'Customer D' });
    expect(differences[0]!.note).toMatch(/since the mirror's last event .*× 1 → .*× 3/);
    expect(byCustomer.get(ids.e)).toMatchObject({ reason: 'subscription_missing', opsdeskCents: 0, stripeCents: 2000, subscriptionId: subscriptions.e2 });
    expect(byCustomer.get(ids.f)).toMatchObject({ reason: 'customer_unknown', opsdeskCents: 0, stripeCents: 2000, subscriptionId: subscriptions.f, customerName: null });
    expect(differences.at(-1)).toMatchObject({ customerId: ids.c, reason: 'excluded_currency', opsdeskCents: 0, stripeCents: 0, differenceCents: 0, subscriptionId: subscriptions.c });
    expect(differences.at(-1)!.note).toContain('30.00 EUR a month');
    expect(byCustomer.has(ids.a) || byCustomer.has(ids.b)).toBe(false);

    const audit = await auditRows(app, 'revenue.reconciliation_started');
    expect(audit.at(-1)).toMatchObject({ result: 'success', targetType: 'revenue_reconciliation', targetId: run.id });
    await expect(finance.revenue.reconciliation.list()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: run.id, status: 'succeeded' })]));
  });

  it('values a past day by the subscriptions that existed then: nothing before the company began', async () => {
    const { run } = await finance.revenue.reconciliation.start({ day: '2025-01-01' });
    await reconciliationRunnerIdle();
    await expect(finance.revenue.reconciliation.get({ runId: run.id })).resolves.toMatchObject({
      status: 'succeeded',
      totals: { opsdeskCents: 0, stripeCents: 0, differenceCents: 0 },
      differencesCount: 0,
    });
  });

  it('starts one run per day at a time: a second start returns the one already running', async () => {
    const { staff } = await app.callerAs(['admin']);
    const { rows } = await sql<{ id: string }>`insert into ops.revenue_reconciliations (day, currency, requested_by, status, runner_id, started_at, heartbeat_at)
      values ('2025-06-30', 'usd', ${staff.id}::uuid, 'running', 'another-process', now(), now()) returning id`.execute(app.db);
    const again = await finance.revenue.reconciliation.start({ day: '2025-06-30' });
    expect(again).toMatchObject({ created: false, run: { id: rows[0]!.id, status: 'running' } });
    const { count } = (await sql<{ count: string }>`select count(*) from ops.revenue_reconciliations where day = '2025-06-30'`.execute(app.db)).rows[0]!;
    expect(Number(count)).toBe(1);
  });

  it('marks a run left running by a dead process as failed, with the reason, when next listed', async () => {
    const { staff } = await app.callerAs(['admin']);
    const { rows } = await sql<{ id: string }>`insert into ops.revenue_reconciliations (day, currency, requested_by, status, runner_id, started_at, heartbeat_at)
      values ('2025-03-31', 'usd', ${staff.id}::uuid, 'running', 'crashed-process', now() - interval '20 minutes', now() - interval '10 minutes') returning id`.execute(app.db);
    const listed = await finance.revenue.reconciliation.list({ limit: 50 });
    expect(listed.find((r) => r.id === rows[0]!.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped .*Start it again/) });
  });

  it('fails with Stripe’s message, not a stack or the database’s, when Stripe cannot be listed', async () => {
    app.billing.emulator!.failNextRequests(3, { path: '/v1/subscriptions' });
    const { run } = await finance.revenue.reconciliation.start({ day: '2025-02-28' });
    await reconciliationRunnerIdle();
    const failed = await finance.revenue.reconciliation.get({ runId: run.id });
    expect(failed).toMatchObject({ status: 'failed', totals: null, error: expect.stringMatching(/^Stripe could not be read: /) });
  });

  it('refuses hostile or impossible input with a 4xx', async () => {
    await expect(finance.revenue.reconciliation.start({ day: '2999-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(finance.revenue.reconciliation.start({ day: '2025-02-30' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(finance.revenue.reconciliation.get({ runId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [latest] = await finance.revenue.reconciliation.list();
    await expect(finance.revenue.reconciliation.differences({ runId: latest!.id, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each(['support', 'moderator', 'oncall'] as Role[])('%s is refused every reconciliation procedure', async (role) => {
    const { api } = await app.callerAs([role]);
    const [latest] = await finance.revenue.reconciliation.list();
    const calls = [
      () => api.revenue.reconciliation.start({}),
      () => api.revenue.reconciliation.get({ runId: latest!.id }),
      () => api.revenue.reconciliation.differences({ runId: latest!.id }),
      () => api.revenue.reconciliation.list(),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

import { sql } from 'kysely';
import { todayUtc, type Role, type TReconciliationDifference } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import type { JobEngine } from '../../jobs/jobEngine.js';
import { logTexts, startTestEngine, waitForJob } from '../../jobs/testing/jobTestKit.js';
import { createRevenueJobKinds } from '../jobs/revenueJobs.js';
import { rebuildRevenue } from '../revenueRebuild.js';
import { claimRunForJob, insertListedPage, NO_JOB_MESSAGE } from './reconciliationRuns.queries.js';
import { liveSubscriptionValue } from './stripeLiveMrr.js';

/**
 * Reconciliation against the real thing: a company built at the emulator through the
 * official SDK, mirrored by its signed webhooks, revenue rows rebuilt; then, with the
 * webhook endpoint disabled, Stripe changes the mirror never hears of. The expected
 * figures are worked out by hand below. Runs go through the job engine, as in production.
 */
type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

describe('revenue reconciliation with Stripe', () => {
  let app: TestApp;
  let engine: JobEngine | undefined;
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
    engine = await startTestEngine(app, createRevenueJobKinds(app.deps));
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
    await app?.close();
  });

  /** Waits for the run's job to finish, then reads the run as the page does. */
  async function finished(runId: string) {
    const { jobId } = await finance.revenue.reconciliation.get({ runId });
    expect(jobId).not.toBeNull();
    await waitForJob(app.db, jobId!);
    return finance.revenue.reconciliation.get({ runId });
  }

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

    const run = await finished(started.run.id);
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

    // Its job: the reconciliation's kind, started by the same person, its log saying what it did.
    const job = await app.db.selectFrom('ops.jobs').selectAll().where('id', '=', run.jobId!).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'revenue.reconcile', status: 'succeeded', startedBy: run.requestedBy.id, parameters: { runId: run.id }, progressDone: 7, attempts: 1 });
    expect((await logTexts(app.db, job.id)).at(-2)).toBe('Listed 7 subscriptions and compared 6 customers: 4 differ.');
    expect(await app.db.selectFrom('ops.revenueReconciliationListed').select('runId').execute()).toEqual([]);

    const audit = await auditRows(app, 'revenue.reconciliation_started');
    expect(audit.at(-1)).toMatchObject({ result: 'success', targetType: 'revenue_reconciliation', targetId: run.id });
    await expect(finance.revenue.reconciliation.list()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: run.id, status: 'succeeded' })]));
  });

  it('values a past day by the subscriptions that existed then: nothing before the company began', async () => {
    const { run } = await finance.revenue.reconciliation.start({ day: '2025-01-01' });
    await expect(finished(run.id)).resolves.toMatchObject({
      status: 'succeeded',
      totals: { opsdeskCents: 0, stripeCents: 0, differenceCents: 0 },
      differencesCount: 0,
    });
  });

  it('starts one run per day at a time: concurrent starts return the same run and its one job', async () => {
    const starts = await Promise.all(Array.from({ length: 5 }, () => finance.revenue.reconciliation.start({ day: '2025-06-30' })));
    expect(new Set(starts.map((s) => s.run.id)).size).toBe(1);
    expect(starts.filter((s) => s.created)).toHaveLength(1);
    const jobs = await app.db.selectFrom('ops.jobs').select('id').where('kind', '=', 'revenue.reconcile').where(sql<boolean>`parameters->>'runId' = ${starts[0]!.run.id}`).execute();
    expect(jobs.map((job) => job.id)).toEqual([starts[0]!.run.jobId]);
    await expect(finished(starts[0]!.run.id)).resolves.toMatchObject({ status: 'succeeded' });
    // Once it ended, the day may be reconciled again.
    await expect(finance.revenue.reconciliation.start({ day: '2025-06-30' })).resolves.toMatchObject({ created: true });
  });

  it('fails a run whose job was cancelled before it began, and a run left without a job, when next listed', async () => {
    await engine!.stop();
    engine = undefined;
    const { run } = await finance.revenue.reconciliation.start({ day: '2025-04-30' });
    const admin = (await app.callerAs(['admin'])).api;
    await admin.jobs.cancel({ id: run.jobId! });
    const { staff } = await app.callerAs(['admin']);
    const { rows } = await sql<{ id: string }>`insert into ops.revenue_reconciliations (day, currency, requested_by, status, started_at)
      values ('2025-03-31', 'usd', ${staff.id}::uuid, 'running', now() - interval '20 minutes') returning id`.execute(app.db);
    const listed = await finance.revenue.reconciliation.list({ limit: 50 });
    expect(listed.find((r) => r.id === run.id)).toMatchObject({ status: 'failed', error: 'Cancelled from the console before it started.' });
    expect(listed.find((r) => r.id === rows[0]!.id)).toMatchObject({ status: 'failed', error: NO_JOB_MESSAGE });
    engine = await startTestEngine(app, createRevenueJobKinds(app.deps));
  });

  it('resumes after a crash from the last page it kept, listing Stripe on after its cursor', async () => {
    // The crash, staged: a run whose job kept its first page (3 subscriptions) and whose server then died.
    await engine!.stop();
    engine = undefined;
    const { run } = await finance.revenue.reconciliation.start({});
    const claimed = (await claimRunForJob(app.db, run.id))!;
    const firstPage = await app.deps.stripe.subscriptions.list({ status: 'all', limit: 3, expand: ['data.discounts', 'data.discounts.source.coupon'] });
    const cursor = firstPage.data.at(-1)!.id;
    const values = firstPage.data.map((subscription) => liveSubscriptionValue(subscription, claimed.day)).filter((value) => value.existed);
    await app.db.transaction().execute((trx) => insertListedPage(trx, run.id, { values, cursor, listed: 3 }));
    await sql`update ops.jobs set status = 'running', attempts = 1, started_at = now(), progress_done = 3, worker_id = 'crashed-host:1:1', worker_key = 1 where id = ${run.jobId}::uuid`.execute(app.db);

    // A server starting sweeps for runs whose process is gone: this one resumes.
    engine = await startTestEngine(app, createRevenueJobKinds(app.deps));
    const resumed = await finished(run.id);
    // The same figures as the uninterrupted run above; 7 listed in all, not 3 + 7 (nothing listed twice).
    expect(resumed).toMatchObject({ status: 'succeeded', error: null, progress: { done: 7, total: 7 }, differencesCount: 4, excludedSubscriptions: 1, customersCompared: 6 });
    expect(resumed.totals).toEqual({ opsdeskCents: 10_500, stripeCents: 24_500, differenceCents: 14_000 });
    const job = await waitForJob(app.db, run.jobId!);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
    const log = await logTexts(app.db, job.id);
    expect(log).toContain(`Listing Stripe on after ${cursor} (3 subscriptions listed before the interruption).`);
    expect(log.some((line) => line.startsWith('Resumed at step 3'))).toBe(true);
  });

  it('fails with Stripe’s message, not a stack or the database’s, when Stripe cannot be listed', async () => {
    app.billing.emulator!.failNextRequests(3, { path: '/v1/subscriptions' });
    const { run } = await finance.revenue.reconciliation.start({ day: '2025-02-28' });
    const failed = await finished(run.id);
    expect(failed).toMatchObject({ status: 'failed', totals: null, error: expect.stringMatching(/^Stripe could not be read: /) });
    // The job says the same, and is not retried: a person starts the run again.
    await expect(waitForJob(app.db, run.jobId!)).resolves.toMatchObject({ status: 'failed', attempts: 1, error: failed.error });
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

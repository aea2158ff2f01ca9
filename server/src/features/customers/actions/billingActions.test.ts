import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../../testing/testApp.js';
import { createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../testing/customerFixtures.js';

describe('billing actions', () => {
  let app: TestApp;
  let catalog: Catalog;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;
  let finance: Awaited<ReturnType<TestApp['callerAs']>>;
  let c: TestCustomer;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    support = await app.callerAs(['support']);
    finance = await app.callerAs(['finance']);
    c = await createCustomer(app, { price: catalog.pro });
  });
  afterEach(() => app.close());

  const idle = () => app.billing.emulator!.webhooksIdle();
  const mirrored = (id: string) => app.db.selectFrom('billing.subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const planChangeInvoices = async (subscriptionId: string) =>
    (await app.deps.stripe.invoices.list({ subscription: subscriptionId, limit: 100 })).data.filter((i) => i.billing_reason === 'subscription_update');

  describe('change plan', () => {
    it('charges exactly the previewed amount, applied with the preview’s proration date', async () => {
      const preview = await support.api.customers.previewChangePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 1 });
      expect(preview).toMatchObject({ risk: 'medium', target: { type: 'customer', id: c.stripeCustomerId }, preview: { from: { id: catalog.pro, unitAmount: 2000, interval: 'month' }, to: { id: catalog.business, unitAmount: 5000, quantity: 1 } } });
      const { amountDue, total, prorationDate } = preview.preview;
      expect(amountDue).toBeGreaterThan(0);
      expect(preview.preview.lines.length).toBeGreaterThanOrEqual(2);

      const outcome = await support.api.customers.changePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 1, prorationDate, reason: 'Upgrade requested by email' });
      expect(outcome).toMatchObject({ status: 'done', result: { amountDue, total } });
      const [invoice, ...others] = await planChangeInvoices(c.subscriptionId!);
      expect(others).toEqual([]);
      expect({ total: invoice!.total, amountDue: invoice!.amount_due, paid: invoice!.amount_paid }).toEqual({ total, amountDue, paid: amountDue });

      await idle();
      const mirroredInvoice = await app.db.selectFrom('billing.invoices').select(['total', 'amountPaid']).where('id', '=', invoice!.id).executeTakeFirstOrThrow();
      expect(mirroredInvoice).toEqual({ total: String(total), amountPaid: String(amountDue) });
      const item = await app.db.selectFrom('billing.subscriptionItems').select('priceId').where('subscriptionId', '=', c.subscriptionId!).executeTakeFirstOrThrow();
      expect(item.priceId).toBe(catalog.business);
      expect((await auditRows(app, 'customer.plan_changed')).at(-1)).toMatchObject({ targetId: c.stripeCustomerId, result: 'success' });
    });

    it('keeps the intent when Stripe gives no answer, and a retry applies it once with the same key', async () => {
      const { preview } = await support.api.customers.previewChangePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 1 });
      app.billing.emulator!.failNextRequests(3, { status: 500, path: `/v1/subscriptions/${c.subscriptionId}` });
      const request = { subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 1, prorationDate: preview.prorationDate, reason: 'Upgrade' };
      await expect(support.api.customers.changePlan(request)).rejects.toMatchObject({ code: 'BAD_GATEWAY', message: /^Stripe: .*same idempotency key/ });
      expect(await planChangeInvoices(c.subscriptionId!)).toEqual([]);
      const [pending] = await app.db.selectFrom('ops.actionRequests').selectAll().execute();
      expect(pending).toMatchObject({ status: 'executing', lastError: expect.stringMatching(/^Stripe: /) });
      expect((await auditRows(app, 'customer.plan_changed')).map((r) => r.result)).toEqual(['attempted']);

      const retried = await support.api.customers.changePlan(request);
      expect(retried).toMatchObject({ status: 'done', requestId: pending!.id });
      const again = await support.api.customers.changePlan(request);
      expect(again).toMatchObject({ duplicate: true, requestId: retried.requestId });
      expect((await planChangeInvoices(c.subscriptionId!)).map((i) => i.amount_due)).toEqual([preview.amountDue]);
      expect((await auditRows(app, 'customer.plan_changed')).map((r) => r.result)).toEqual(['attempted', 'success']);
    });
  });

  it('cancels at period end, undoes it, and cancels again as a new request; the mirror follows', async () => {
    const first = await support.api.customers.cancel({ subscriptionId: c.subscriptionId!, when: 'period_end', reason: 'Customer asked' });
    expect(first).toMatchObject({ status: 'done', result: { cancelAtPeriodEnd: true, status: 'active' } });
    await idle();
    expect((await mirrored(c.subscriptionId!)).cancelAtPeriodEnd).toBe(true);

    const undoPreview = await support.api.customers.previewUndoCancel({ subscriptionId: c.subscriptionId! });
    expect(undoPreview).toMatchObject({ risk: 'low', preview: { scheduled: true } });
    await support.api.customers.undoCancel({ subscriptionId: c.subscriptionId! });
    await idle();
    expect((await mirrored(c.subscriptionId!)).cancelAtPeriodEnd).toBe(false);

    const second = await support.api.customers.cancel({ subscriptionId: c.subscriptionId!, when: 'period_end', reason: 'Customer asked again' });
    expect(second).toMatchObject({ duplicate: false, result: { cancelAtPeriodEnd: true } });
    await idle();
    expect((await mirrored(c.subscriptionId!)).cancelAtPeriodEnd).toBe(true);
  });

  it('cancels now with a prorated credit to the balance', async () => {
    const preview = await support.api.customers.previewCancel({ subscriptionId: c.subscriptionId!, when: 'now', prorate: true });
    expect(preview.preview.estimatedCredit).toBeGreaterThan(1900);
    const outcome = await support.api.customers.cancel({ subscriptionId: c.subscriptionId!, when: 'now', prorate: true, reason: 'Service outage' });
    expect(outcome).toMatchObject({ status: 'done', result: { status: 'canceled' } });
    await idle();
    expect((await mirrored(c.subscriptionId!)).status).toBe('canceled');
    const customer = await app.db.selectFrom('billing.customers').select('balance').where('id', '=', c.stripeCustomerId!).executeTakeFirstOrThrow();
    expect(Number(customer.balance)).toBeLessThan(-1900);
    await expect(support.api.customers.undoCancel({ subscriptionId: c.subscriptionId! })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /already ended/ });
  });

  it('extends a trial by N days, once per request', async () => {
    const trial = await createCustomer(app, { price: catalog.pro, trialDays: 14 });
    const before = (await mirrored(trial.subscriptionId!)).trialEnd!;
    const preview = await support.api.customers.previewExtendTrial({ subscriptionId: trial.subscriptionId!, days: 7 });
    expect(preview).toMatchObject({ risk: 'low', preview: { newTrialEnd: new Date(before.getTime() + 7 * 86_400_000).toISOString() } });
    const [a, b] = await Promise.all([
      support.api.customers.extendTrial({ subscriptionId: trial.subscriptionId!, days: 7, reason: 'Onboarding took longer' }),
      support.api.customers.extendTrial({ subscriptionId: trial.subscriptionId!, days: 7, reason: 'Onboarding took longer' }),
    ]);
    expect(a.requestId).toBe(b.requestId);
    await idle();
    expect((await mirrored(trial.subscriptionId!)).trialEnd!.getTime()).toBe(before.getTime() + 7 * 86_400_000);
    await expect(support.api.customers.extendTrial({ subscriptionId: c.subscriptionId!, days: 7 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /not on a trial/ });
  });

  it('credits the balance (finance only), once for a double click', async () => {
    await expect(support.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 1500, reason: 'Goodwill' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const preview = await finance.api.customers.previewCredit({ stripeCustomerId: c.stripeCustomerId!, amount: 1500 });
    expect(preview).toMatchObject({ risk: 'medium', preview: { balanceBefore: 0, balanceAfter: -1500 } });
    await expect(finance.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 1500 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /reason/ });
    const outcomes = await Promise.all([1, 2, 3].map(() => finance.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 1500, reason: 'Goodwill for the outage' })));
    expect(new Set(outcomes.map((o) => o.requestId)).size).toBe(1);
    // One carried it out; a twin that arrived while it was in flight says so rather than acting.
    expect(outcomes.filter((o) => !o.duplicate)).toEqual([expect.objectContaining({ status: 'done', result: { transactionId: expect.any(String), amount: -1500, currency: 'usd', endingBalance: -1500 } })]);
    expect(outcomes.filter((o) => o.duplicate).every((o) => o.status === 'done' || o.status === 'in_progress')).toBe(true);
    expect(await finance.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount: 1500, reason: 'Goodwill for the outage' })).toMatchObject({ status: 'done', duplicate: true });
    expect((await app.deps.stripe.customers.listBalanceTransactions(c.stripeCustomerId!)).data).toHaveLength(1);
    await idle();
    const customer = await app.db.selectFrom('billing.customers').select('balance').where('id', '=', c.stripeCustomerId!).executeTakeFirstOrThrow();
    expect(customer.balance).toBe('-1500');
  });

  it('pauses and resumes collection; the mirror follows', async () => {
    const preview = await support.api.customers.previewPauseCollection({ subscriptionId: c.subscriptionId!, behavior: 'void' });
    expect(preview).toMatchObject({ risk: 'low', approvalReason: null, preview: { pauseCollection: null } });
    await support.api.customers.pauseCollection({ subscriptionId: c.subscriptionId!, behavior: 'void' });
    await idle();
    expect((await mirrored(c.subscriptionId!)).pauseCollection).toEqual({ behavior: 'void', resumesAt: null });
    await support.api.customers.resumeCollection({ subscriptionId: c.subscriptionId! });
    await idle();
    expect((await mirrored(c.subscriptionId!)).pauseCollection).toBeNull();
    const paused = await support.api.customers.pauseCollection({ subscriptionId: c.subscriptionId!, behavior: 'void' });
    expect(paused).toMatchObject({ duplicate: false });
    expect((await auditRows(app, 'customer.collection_paused')).map((r) => r.result)).toEqual(['attempted', 'success', 'attempted', 'success']);
  });
});

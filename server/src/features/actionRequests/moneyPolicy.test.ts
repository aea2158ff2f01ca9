import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCharge, createCustomer, prepareCustomerTests, type Catalog, type TestCustomer } from '../customers/testing/customerFixtures.js';
import { loadConfig } from '../../config/config.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';

/**
 * The one money policy: four-eyes on what staff move for one customer over a rolling
 * window, so splitting a large amount into small ones does not get around a second
 * person (threshold 500 USD, window 24 h: the defaults).
 */
describe('money policy: four-eyes cannot be split around', () => {
  let app: TestApp;
  let catalog: Catalog;
  let support: Awaited<ReturnType<TestApp['callerAs']>>;
  let finance: Awaited<ReturnType<TestApp['callerAs']>>;
  let c: TestCustomer;
  let chargeId: string;

  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
    catalog = await prepareCustomerTests(app);
    support = await app.callerAs(['support']);
    finance = await app.callerAs(['finance']);
    c = await createCustomer(app, { price: catalog.pro });
    chargeId = await createCharge(app, c.stripeCustomerId!, 200_000);
  });
  afterEach(() => app.close());

  const refund = (amount: number, repeat: number) => support.api.customers.refund({ chargeId, amount, stripeReason: 'requested_by_customer', reason: `part ${repeat}`, repeat });
  const refundedAtStripe = async () => (await app.deps.stripe.refunds.list({ charge: chargeId, limit: 100 })).data.reduce((sum, r) => sum + r.amount, 0);

  it('adds up repeated refunds on one charge: the one that crosses 500 USD waits for a second person', async () => {
    expect(await refund(20_000, 0)).toMatchObject({ status: 'done' });
    expect(await refund(20_000, 1)).toMatchObject({ status: 'done' });
    const third = await refund(20_000, 2);
    expect(third).toMatchObject({ status: 'approval_requested', approvalReason: expect.stringMatching(/400\.00 USD already moved .* 600\.00 USD: above 500\.00 USD/) });
    expect(await refundedAtStripe()).toBe(40_000);
    // The inbox says how much waits, so the decider reads the sum before opening the request.
    const [waiting] = await finance.api.approvals.find({ scope: 'to_decide' });
    expect(waiting).toMatchObject({ action: 'customers.refund', money: { amount: 20_000, currency: 'usd' } });
    // The preview says the same before anyone asks.
    const preview = await support.api.customers.previewRefund({ chargeId, amount: 20_000, stripeReason: 'requested_by_customer', repeat: 3 });
    expect(preview.approvalReason).toMatch(/600\.00 USD already moved/);
  });

  it('adds up credits repeated with new notes, and credits with refunds', async () => {
    const credit = (amount: number, note: string) => finance.api.customers.credit({ stripeCustomerId: c.stripeCustomerId!, amount, currency: 'usd', reason: note });
    expect(await credit(30_000, 'goodwill')).toMatchObject({ status: 'done' });
    expect(await credit(30_000, 'more goodwill')).toMatchObject({ status: 'approval_requested' });
    const afterRefund = await refund(25_000, 0);
    expect(afterRefund).toMatchObject({ status: 'approval_requested' });
    const balance = await app.deps.stripe.customers.retrieve(c.stripeCustomerId!);
    expect((balance as { balance: number }).balance).toBe(-30_000);
    expect(await refundedAtStripe()).toBe(0);
  });

  it('holds concurrent split requests: never more than 500 USD moves without a second person', async () => {
    const outcomes = await Promise.all([0, 1, 2, 3, 4].map((repeat) => refund(20_000, repeat)));
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'approval_requested')).toHaveLength(3);
    expect(await refundedAtStripe()).toBe(40_000);
  });

  it('forgets amounts older than the window', async () => {
    await refund(40_000, 0);
    await app.db.updateTable('ops.actionRequests').set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).execute();
    expect(await refund(40_000, 1)).toMatchObject({ status: 'done' });
  });

  it('holds a plan change whose previewed charge is above the threshold, with the quantity shown and bound', async () => {
    const { preview, approvalReason } = await support.api.customers.previewChangePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 200 });
    expect(preview.to.quantity).toBe(200);
    expect(preview.from.quantity).toBe(1);
    expect(preview.amountDue).toBeGreaterThan(50_000);
    expect(approvalReason).toMatch(/^Plan changes charging above 500\.00 USD need a second person\./);
    const requested = await support.api.customers.changePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, quantity: 200, prorationDate: preview.prorationDate, reason: 'Big upgrade' });
    expect(requested.status).toBe('approval_requested');
    await expect(support.api.customers.changePlan({ subscriptionId: c.subscriptionId!, priceId: catalog.business, reason: 'no quantity' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /quantity/ });
    const invoices = await app.deps.stripe.invoices.list({ subscription: c.subscriptionId!, limit: 100 });
    expect(invoices.data.filter((i) => i.billing_reason === 'subscription_update')).toEqual([]);

    await finance.api.approvals.approve({ id: requested.requestId, comment: 'Confirmed with the customer' });
    const sub = await app.deps.stripe.subscriptions.retrieve(c.subscriptionId!);
    expect(sub.items.data[0]).toMatchObject({ quantity: 200, price: { id: catalog.business } });
  });
});

/**
 * One number of minor units does not fit every currency (50,000 is 500.00 USD but
 * ₩50,000, about 35 USD): MONEY_APPROVAL_THRESHOLDS sets it per currency.
 */
describe('money policy: a threshold per currency', () => {
  let app: TestApp;
  let finance: Awaited<ReturnType<TestApp['callerAs']>>;

  beforeEach(async () => {
    app = await createTestApp({ MONEY_APPROVAL_THRESHOLDS: ' jpy:100000, EUR:20000 ' });
    await app.listen();
    await prepareCustomerTests(app);
    finance = await app.callerAs(['finance']);
  });
  afterEach(() => app.close());

  const credit = async (amount: number, currency: string) => {
    const customer = await createCustomer(app, {});
    return finance.api.customers.credit({ stripeCustomerId: customer.stripeCustomerId!, amount, currency, reason: `goodwill in ${currency}` });
  };

  it("uses a listed currency's own threshold, and the default for the others", async () => {
    // ¥60,000: above the default 50,000 minor units, under the yen's 100,000.
    expect(await credit(60_000, 'jpy')).toMatchObject({ status: 'done' });
    expect(await credit(100_001, 'jpy')).toMatchObject({ status: 'approval_requested', approvalReason: 'Credits above 100,000 JPY need a second person.' });
    expect(await credit(30_000, 'eur')).toMatchObject({ status: 'approval_requested', approvalReason: 'Credits above 200.00 EUR need a second person.' });
    expect(await credit(30_000, 'usd')).toMatchObject({ status: 'done' });
  });

  it('refuses a malformed setting at start, naming it', () => {
    expect(() => loadConfig({ MONEY_APPROVAL_THRESHOLDS: 'jpy=100000' })).toThrow(/MONEY_APPROVAL_THRESHOLDS must be currency:amount pairs/);
    expect(() => loadConfig({ MONEY_APPROVAL_THRESHOLDS: 'yen:-5' })).toThrow(/MONEY_APPROVAL_THRESHOLDS/);
    expect(loadConfig({}).MONEY_APPROVAL_THRESHOLDS).toEqual({});
  });
});

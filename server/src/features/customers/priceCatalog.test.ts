import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';

describe('customers.prices', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
  });
  afterEach(() => app.close());

  it('offers the active licensed recurring prices in the currency, with their product names', async () => {
    const stripe = app.deps.stripe;
    const pro = await stripe.products.create({ name: 'Pro' });
    const retired = await stripe.products.create({ name: 'Legacy', active: false });
    const monthly = await stripe.prices.create({ product: pro.id, currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' } });
    await stripe.prices.create({ product: pro.id, currency: 'usd', unit_amount: 29000, recurring: { interval: 'year' } });
    await stripe.prices.create({ product: pro.id, currency: 'eur', unit_amount: 2700, recurring: { interval: 'month' } });
    await stripe.prices.create({ product: pro.id, currency: 'usd', unit_amount: 5000 });
    await stripe.prices.create({ product: retired.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } });
    await app.billing.emulator!.webhooksIdle();

    const { api } = await app.callerAs(['support']);
    const prices = await api.customers.prices({ currency: 'USD' });
    expect(prices.map((p) => `${p.productName} ${p.unitAmount} ${p.interval}`)).toEqual(['Pro 2900 month', 'Pro 29000 year']);
    expect(prices[0]).toMatchObject({ id: monthly.id, currency: 'usd', intervalCount: 1 });
    await expect((await app.callerAs(['moderator'])).api.customers.prices({ currency: 'usd' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

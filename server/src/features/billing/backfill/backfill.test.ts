import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { backfillMirror } from './backfill.js';

describe('stripe backfill', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  const stripe = () => app.deps.stripe;
  const count = async (table: 'billing.customers' | 'billing.subscriptions' | 'billing.prices' | 'billing.invoices') =>
    Number((await app.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  /** An account that existed before Opsdesk: no webhooks reached this mirror. */
  async function existingAccount(customers: number) {
    const product = await stripe().products.create({ name: 'Pro' });
    const price = await stripe().prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
    for (let i = 0; i < customers; i++) {
      const customer = await stripe().customers.create({ email: `c${i}@example.test`, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
      if (i % 3 === 0) await stripe().subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    }
  }

  it('rebuilds the mirror from the list endpoints, with subscription history', async () => {
    await existingAccount(7);
    const { synced, skippedOfErasedCustomers } = await backfillMirror(app.db, stripe());
    expect(synced).toMatchObject({ product: 1, price: 1, customer: 7, subscription: 3, invoice: 3 });
    expect(skippedOfErasedCustomers).toBe(0);
    expect(await count('billing.customers')).toBe(7);
    const history = await app.db.selectFrom('billing.subscriptionHistory').select(['status', 'source']).execute();
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.status === 'active' && h.source === 'fetch')).toBe(true);
    const items = await app.db.selectFrom('billing.subscriptionItems').select('priceId').execute();
    expect(items).toHaveLength(3);
  });

  it('resumes from where an interrupted run stopped, without duplicating anything', async () => {
    await existingAccount(250);
    // Let the first customer page through, then fail the next request and the SDK's two retries.
    let pagesSeen = 0;
    const interrupted = backfillMirror(app.db, stripe(), {
      onProgress: (p) => {
        if (p.resource === 'customer' && ++pagesSeen === 1) app.billing.emulator!.failNextRequests(3, { status: 500 });
      },
    });
    await expect(interrupted).rejects.toThrow();
    const state = await app.db.selectFrom('ops.stripeBackfillState').selectAll().where('resource', '=', 'customer').executeTakeFirstOrThrow();
    expect(state).toMatchObject({ objectsSynced: '100', completedAt: null });

    const { synced } = await backfillMirror(app.db, stripe());
    expect(synced.customer).toBe(250);
    expect(await count('billing.customers')).toBe(250);
  });

  it('runs beside live webhooks without leaving anything older than Stripe', async () => {
    await existingAccount(30);
    await app.listen();
    const customers = await stripe().customers.list({ limit: 100 });
    const renames = Promise.all(customers.data.map((c) => stripe().customers.update(c.id, { name: `renamed-${c.id}` })));
    await Promise.all([backfillMirror(app.db, stripe()), renames]);
    await app.billing.emulator!.webhooksIdle();
    const rows = await app.db.selectFrom('billing.customers').select(['id', 'name']).execute();
    expect(rows).toHaveLength(30);
    for (const row of rows) expect(row.name).toBe(`renamed-${row.id}`);
  });
});

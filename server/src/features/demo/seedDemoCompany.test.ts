import { sql } from 'kysely';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import { startStripeEmulator, type StripeEmulator } from '@opsdesk/stripe-emulator';
import { createStripeClient } from '../billing/stripeClient.js';
import { MIRRORED_EVENT_TYPES } from '../billing/webhooks/processEvent.js';
import { estimateCustomerCount } from '../lookup/lookup.list.queries.js';
import { appTablesOf } from './productData.queries.js';
import { seedDemoCompany, type SeedResult } from './seedDemoCompany.js';

/**
 * The demo company at test size, through the real path: emulator → signed webhooks →
 * Opsdesk's HTTP app → ledger and mirror in a fresh PostgreSQL database.
 */
const SIZE = { users: 300, months: 8, now: Date.UTC(2026, 5, 1) / 1000 };
const ALL_SCENARIOS = [
  'trial_conversion', 'trial_abandoned', 'coupon_once', 'coupon_repeating', 'coupon_forever', 'upgrade', 'downgrade', 'failed_payment_recovered',
  'failed_payment_churned', 'cancel_at_period_end', 'cancel_immediately', 'reactivation', 'refund_full', 'refund_partial', 'dispute',
];

async function listAll<T extends { id: string }>(list: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

/** The Stripe side of a seed with ids and wall-clock times taken out: what must repeat. */
async function stripeFingerprint(stripe: Stripe) {
  const customers = await listAll(stripe.customers.list({ limit: 100 }));
  const emailOf = new Map(customers.map((c) => [c.id, c.email]));
  const subscriptions = await listAll(stripe.subscriptions.list({ status: 'all', limit: 100 }));
  const invoices = await listAll(stripe.invoices.list({ limit: 100 }));
  const refunds = await listAll(stripe.refunds.list({ limit: 100 }));
  return {
    customers: customers.map((c) => `${c.email} ${c.created} ${c.metadata.app_workspace_id}`).sort(),
    subscriptions: subscriptions.map((s) => `${emailOf.get(s.customer as string)} ${s.status} ${s.created} ${s.items.data.map((i) => `${i.price.lookup_key}x${i.quantity}`)}`).sort(),
    invoices: invoices.map((i) => `${emailOf.get(i.customer as string)} ${i.created} ${i.billing_reason} ${i.status} ${i.amount_due} ${i.amount_paid}`).sort(),
    refunds: refunds.map((r) => `${r.created} ${r.amount}`).sort(),
  };
}

async function productFingerprint(db: TestDatabase['db']) {
  const app = appTablesOf(db);
  return {
    users: await app.selectFrom('app.users').select(['id', 'email', 'status', 'country', 'createdAt']).orderBy('id').execute(),
    workspaces: await app.selectFrom('app.workspaces').select(['id', 'name', 'ownerUserId', 'plan']).orderBy('id').execute(),
    reports: await app.selectFrom('app.contentReports').select(['id', 'reasonCode', 'status']).orderBy('id').execute(),
    usage: await app.selectFrom('app.usageEvents').select((eb) => eb.fn.sum<string>('quantity').as('total')).executeTakeFirstOrThrow(),
  };
}

/** The same seed without webhooks: only the generator's output is compared. */
async function seedWithoutWebhooks(seed: number) {
  const database = await createTestDatabase();
  const emulator: StripeEmulator = await startStripeEmulator();
  const stripe = createStripeClient({ secretKey: emulator.apiKey, apiBase: emulator.url });
  try {
    await seedDemoCompany({ db: database.db, stripe, emulator, seed, ...SIZE });
    return { stripe: await stripeFingerprint(stripe), product: await productFingerprint(database.db) };
  } finally {
    await emulator.stop();
    await database.drop();
  }
}

describe('seedDemoCompany', () => {
  let app: TestApp;
  let result: SeedResult;
  let stripe: Stripe;
  let emulator: StripeEmulator;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen();
    stripe = app.billing.stripe;
    emulator = app.billing.emulator!;
    result = await seedDemoCompany({ db: app.db, stripe, emulator, seed: 42, ...SIZE });
  }, 120_000);
  afterAll(() => app.close());

  it('produces every billing scenario the console has to show', () => {
    for (const scenario of ALL_SCENARIOS) expect(result.billing.scenarios, scenario).toHaveProperty(scenario);
    expect(result.billing.clocks).toBeLessThan(result.billing.customers.length);
  });

  it('delivered every subscribed Stripe event to the ledger exactly once, none failed', async () => {
    const ledger = await app.db.selectFrom('ops.stripeEvents').select(['id', 'status']).execute();
    expect(ledger.filter((e) => e.status === 'failed')).toEqual([]);
    const subscribed = emulator.events.filter((e) => (MIRRORED_EVENT_TYPES as readonly string[]).includes(e.type as string));
    expect(subscribed.length).toBeGreaterThan(100);
    expect(ledger.map((e) => e.id).sort()).toEqual(subscribed.map((e) => e.id).sort());
  });

  it('leaves a mirror that matches the emulator', async () => {
    const customers = await listAll(stripe.customers.list({ limit: 100 }));
    const mirroredCustomers = await app.db.selectFrom('billing.customers').select(['id', 'email']).execute();
    expect(mirroredCustomers.map((c) => `${c.id} ${c.email}`).sort()).toEqual(customers.map((c) => `${c.id} ${c.email}`).sort());

    const subscriptions = await listAll(stripe.subscriptions.list({ status: 'all', limit: 100 }));
    const mirroredSubs = await app.db.selectFrom('billing.subscriptions').select(['id', 'status', 'cancelAtPeriodEnd']).execute();
    expect(mirroredSubs.map((s) => `${s.id} ${s.status} ${s.cancelAtPeriodEnd}`).sort()).toEqual(subscriptions.map((s) => `${s.id} ${s.status} ${s.cancel_at_period_end}`).sort());

    const invoices = await listAll(stripe.invoices.list({ limit: 100 }));
    const mirroredInvoices = await app.db.selectFrom('billing.invoices').select(['id', 'status', 'amountDue', 'amountPaid']).execute();
    expect(mirroredInvoices.map((i) => `${i.id} ${i.status} ${i.amountDue} ${i.amountPaid}`).sort()).toEqual(invoices.map((i) => `${i.id} ${i.status} ${i.amount_due} ${i.amount_paid}`).sort());

    const charges = await listAll(stripe.charges.list({ limit: 100 }));
    const mirroredCharges = await app.db.selectFrom('billing.charges').select(['id', 'status', 'amountRefunded', 'disputed']).execute();
    expect(mirroredCharges.map((c) => `${c.id} ${c.status} ${c.amountRefunded} ${c.disputed}`).sort()).toEqual(charges.map((c) => `${c.id} ${c.status} ${c.amount_refunded} ${c.disputed}`).sort());
  });

  it('has full and partial refunds, disputes, coupons of every duration and trial conversions in the mirror', async () => {
    const refunds = await sql<{ amount: string; charged: string }>`select r.amount, c.amount as charged from billing.refunds r join billing.charges c on c.id = r.charge_id`.execute(app.db);
    expect(refunds.rows.some((r) => r.amount === r.charged)).toBe(true);
    expect(refunds.rows.some((r) => Number(r.amount) < Number(r.charged))).toBe(true);
    const disputes = await app.db.selectFrom('billing.disputes').select('status').execute();
    expect(disputes.map((d) => d.status)).toEqual(expect.arrayContaining(['won', 'lost']));
    // Webhook payloads carry discount ids; the mirror resolves them to coupons (for MRR).
    const discounted = await listAll(stripe.subscriptions.list({ status: 'all', limit: 100, expand: ['data.discounts'] }));
    const durations = new Set(discounted.flatMap((s) => (s.discounts as Stripe.Discount[]).map((d) => (d.source.coupon as Stripe.Coupon).duration)));
    expect([...durations].sort()).toEqual(['forever', 'once', 'repeating']);
    const couponsAtStripe = discounted.map((s) => `${s.id} ${(s.discounts as Stripe.Discount[]).map((d) => (d.source.coupon as Stripe.Coupon).id).sort().join(',')}`).sort();
    const couponsMirrored = (await app.db.selectFrom('billing.subscriptions').select(['id', 'couponIds']).execute()).map((s) => `${s.id} ${[...s.couponIds].sort().join(',')}`).sort();
    expect(couponsMirrored).toEqual(couponsAtStripe);
    const mirroredCoupons = await app.db.selectFrom('billing.coupons').select('duration').execute();
    expect(new Set(mirroredCoupons.map((c) => c.duration))).toEqual(durations);
    const conversions = await sql<{ n: string }>`
      select count(distinct a.subscription_id) as n from billing.subscription_history a
      join billing.subscription_history b on b.subscription_id = a.subscription_id and b.effective_at > a.effective_at
      where a.status = 'trialing' and b.status = 'active'`.execute(app.db);
    expect(Number(conversions.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('links Stripe customers and product workspaces both ways', async () => {
    const links = await sql<{ workspaceId: string; stripeCustomerId: string; ownerEmail: string }>`
      select w.id as workspace_id, w.stripe_customer_id, u.email as owner_email
      from app.workspaces w join app.users u on u.id = w.owner_user_id where w.stripe_customer_id is not null`.execute(app.db);
    const customers = new Map((await listAll(stripe.customers.list({ limit: 100 }))).map((c) => [c.id, c]));
    expect(links.rows).toHaveLength(customers.size);
    for (const link of links.rows) {
      const customer = customers.get(link.stripeCustomerId)!;
      expect(customer.metadata.app_workspace_id).toBe(link.workspaceId);
      expect(customer.email).toBe(link.ownerEmail);
    }
    const plans = await sql<{ plan: string; n: string }>`select plan, count(*) as n from app.workspaces group by plan`.execute(app.db);
    const free = Number(plans.rows.find((p) => p.plan === 'free')?.n ?? 0);
    expect(free / result.workspaces).toBeGreaterThan(0.8);
  });

  it('leaves the product tables analysed: the customer list estimates its total right away', async () => {
    const estimate = await estimateCustomerCount(app.db, {});
    expect(estimate).toBe(result.users);
  });

  it('is deterministic: the same seed repeats the company, another seed changes it', async () => {
    const first = { stripe: await stripeFingerprint(stripe), product: await productFingerprint(app.db) };
    const again = await seedWithoutWebhooks(42);
    expect(again).toEqual(first);
    const other = await seedWithoutWebhooks(7);
    expect(other.product.users).not.toEqual(first.product.users);
    expect(other.stripe.invoices).not.toEqual(first.stripe.invoices);
  }, 60_000);
});

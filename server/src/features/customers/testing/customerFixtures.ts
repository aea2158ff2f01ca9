import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../../demo/appSchema/migrateReferenceProductSchema.js';

/**
 * Test customers built through the real path: a product user and workspace in `app`,
 * a Stripe customer and subscription at the app's emulator, the mirror filled by its
 * webhooks. Call `prepareCustomerTests` once per app (after `listen()`).
 */
export interface Catalog {
  pro: string;
  business: string;
  proAnnual: string;
}

export async function prepareCustomerTests(app: TestApp): Promise<Catalog> {
  await migrateReferenceProductSchema(app.db);
  const stripe = app.deps.stripe;
  const pro = await stripe.prices.create({ currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' }, nickname: 'Pro monthly', product_data: { name: 'Pro' } });
  const business = await stripe.prices.create({ currency: 'usd', unit_amount: 5000, recurring: { interval: 'month' }, nickname: 'Business monthly', product_data: { name: 'Business' } });
  const proAnnual = await stripe.prices.create({ currency: 'usd', unit_amount: 24_000, recurring: { interval: 'year' }, nickname: 'Pro annual', product: pro.product as string });
  return { pro: pro.id, business: business.id, proAnnual: proAnnual.id };
}

export interface TestCustomer {
  userId: string;
  email: string;
  workspaceId: string;
  stripeCustomerId: string | null;
  subscriptionId: string | null;
}

export async function createCustomer(
  app: TestApp,
  options: { price?: string | null; trialDays?: number; sessions?: number; email?: string; plan?: string } = {},
): Promise<TestCustomer> {
  const email = options.email ?? `customer-${randomBytes(4).toString('hex')}@example.test`;
  const user = await app.db.insertInto('app.users').values({ email, name: `Customer ${email.split('@')[0]}`, country: 'DE' }).returning('id').executeTakeFirstOrThrow();
  let stripeCustomerId: string | null = null;
  let subscriptionId: string | null = null;
  if (options.price !== null) {
    const customer = await app.deps.stripe.customers.create({ email, name: email, invoice_settings: { default_payment_method: 'pm_card_visa' } });
    stripeCustomerId = customer.id;
    if (options.price) {
      const sub = await app.deps.stripe.subscriptions.create({ customer: customer.id, items: [{ price: options.price }], ...(options.trialDays && { trial_period_days: options.trialDays }) });
      subscriptionId = sub.id;
    }
  }
  const workspace = await app.db
    .insertInto('app.workspaces')
    .values({ name: `${email.split('@')[0]}'s workspace`, ownerUserId: user.id, plan: options.plan ?? (options.price ? 'pro' : 'free'), stripeCustomerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('app.workspaceMembers').values({ workspaceId: workspace.id, userId: user.id, role: 'owner' }).execute();
  for (let i = 0; i < (options.sessions ?? 0); i++) {
    await app.db.insertInto('app.sessions').values({ userId: user.id, expiresAt: new Date(Date.now() + 86_400_000), ip: '203.0.113.7', userAgent: 'Firefox' }).execute();
  }
  await app.billing.emulator!.webhooksIdle();
  return { userId: user.id, email, workspaceId: workspace.id, stripeCustomerId, subscriptionId };
}

export const sessionsOf = async (app: TestApp, userId: string) => (await app.db.selectFrom('app.sessions').select('id').where('userId', '=', userId).execute()).length;
export const userRow = (app: TestApp, userId: string) => app.db.selectFrom('app.users').select(['status', 'suspendedUntil']).where('id', '=', userId).executeTakeFirstOrThrow();

/** A succeeded card payment of `amount` cents (USD) by the Stripe customer, mirrored; its charge id. */
export async function createCharge(app: TestApp, stripeCustomerId: string, amount: number): Promise<string> {
  const intent = await app.deps.stripe.paymentIntents.create({ amount, currency: 'usd', customer: stripeCustomerId, payment_method: 'pm_card_visa', confirm: true });
  await app.billing.emulator!.webhooksIdle();
  return intent.latest_charge as string;
}

import { createCatalog, type PaidPlanKey } from '../features/demo/billingCatalog.js';
import { createStripeClient } from '../features/billing/stripeClient.js';
import { startStripeEmulator, type StripeEmulator, type StripeObject } from '@opsdesk/stripe-emulator';

/**
 * The webhook bench's data: a Stripe account's life driven through the official SDK
 * against the in-repo emulator, and every event it emitted, in emission order.
 *
 * The emulator runs on a simulated clock that starts a few hours ago and moves two
 * seconds for every eight customers, so — as on a busy real account — most objects get
 * several events within one second (sign-up: customer, subscription, invoice created →
 * finalized → paid, payment intent, charge), and each subscription gets two or three
 * updates in the same second on purpose (the Stripe Sync Engine's issue #268). One customer in
 * ten sits on a test clock that is advanced past three renewals at the end.
 *
 * The emulator keeps running: it is the Stripe API both systems may re-fetch from, and
 * its state is the truth the mirrors are checked against.
 */
export interface EventStream {
  emulator: StripeEmulator;
  events: StripeObject[];
  /** Customers created. */
  customers: number;
}

const PLANS: PaidPlanKey[] = ['pro_monthly', 'team_monthly', 'pro_annual', 'enterprise_quarterly'];
const GENERATORS = 8;
/** Eight customers' sign-ups and changes land within these many seconds. */
const SECONDS_PER_BATCH = 2;
/** One customer in ten (team monthly and enterprise quarterly plans) lives on the test clock. */
const TEST_CLOCK_EVERY = 10;

export async function generateEventStream(options: { minEvents: number; keepEventType: (type: string) => boolean }): Promise<EventStream> {
  let clock = Math.floor(Date.now() / 1000) - 6 * 3600;
  const emulator = await startStripeEmulator({ now: () => clock, upcomingInvoiceDays: null });
  const stripe = createStripeClient({ secretKey: emulator.apiKey, apiBase: emulator.url });
  const catalog = await createCatalog(stripe);
  const testClock = await stripe.testHelpers.testClocks.create({ frozen_time: clock, name: 'webhook bench renewals' });
  const kept = () => emulator.events.filter((e) => options.keepEventType(String(e.type))).length;

  let customers = 0;
  const lifeOfOneCustomer = async (n: number) => {
    const onClock = n % TEST_CLOCK_EVERY === 1;
    const customer = await stripe.customers.create({
      email: `customer${n}@bench.example`,
      name: `Bench Customer ${n}`,
      metadata: { bench_n: String(n) },
      invoice_settings: { default_payment_method: 'pm_card_visa' },
      ...(onClock ? { test_clock: testClock.id } : {}),
    });
    const plan = PLANS[n % PLANS.length]!;
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: catalog.priceId[plan], quantity: 1 + (n % 5) }], metadata: { plan } });
    // Three updates of one subscription in one second.
    await stripe.subscriptions.update(sub.id, { metadata: { seats_reviewed: 'yes' } });
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    if (n % 3 !== 0) await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false, metadata: { kept_after_survey: 'yes' } });
    await stripe.customers.update(customer.id, { name: `Bench Customer ${n} (renamed)`, metadata: { tier: n % 2 ? 'gold' : 'silver' } });
    if (n % 4 === 1 && plan === 'team_monthly') {
      await stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, quantity: 8 + (n % 5) }], proration_behavior: 'always_invoice' });
    }
    const charges = await stripe.charges.list({ customer: customer.id, limit: 1 });
    const charge = charges.data[0];
    if (charge && n % 5 === 2) {
      await stripe.refunds.create({ charge: charge.id, amount: Math.floor(charge.amount / 4), reason: 'requested_by_customer' });
      await stripe.refunds.create({ charge: charge.id, amount: Math.floor(charge.amount / 4), reason: 'duplicate' });
    }
    if (n % 7 === 3) {
      const intent = await stripe.paymentIntents.create({ customer: customer.id, amount: 1_500 + n, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, description: 'Extra seats, one-off' });
      if (n % 14 === 3 && intent.latest_charge) await stripe.refunds.create({ charge: String(intent.latest_charge) });
    }
    if (n % 11 === 5) await stripe.subscriptions.cancel(sub.id, { cancellation_details: { feedback: 'too_expensive' } });
  };

  while (kept() < options.minEvents) {
    await Promise.all(Array.from({ length: GENERATORS }, (_, i) => lifeOfOneCustomer(customers + i)));
    customers += GENERATORS;
    clock += SECONDS_PER_BATCH;
  }
  // Three months later: the test-clock customers renew (invoice, payment, charge, subscription
  // period) and those set to cancel at period end are canceled.
  await stripe.testHelpers.testClocks.advance(testClock.id, { frozen_time: clock + 95 * 86_400 });
  await waitForClock(stripe, testClock.id);
  return { emulator, events: emulator.events.filter((e) => options.keepEventType(String(e.type))), customers };
}

async function waitForClock(stripe: ReturnType<typeof createStripeClient>, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await stripe.testHelpers.testClocks.retrieve(id)).status === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the test clock did not finish advancing');
}

import type Stripe from 'stripe';
import type { StripeEmulator } from '@opsdesk/stripe-emulator';

/**
 * The golden scenario of revenueGolden.test.ts, played against the Stripe emulator
 * with the official SDK and ONE test clock: every renewal, trial end and dunning retry
 * happens because the clock advances, and every event reaches Opsdesk through the
 * signed webhook route. The story, in clock order (2025, UTC):
 *
 * | customer | story |
 * |---|---|
 * | upgrade  | Basic 30.00/month from 1 Jan; its January payment refunded 20 Jan; Pro 100.00 from 10 Feb |
 * | annual   | 1,200.00 a year from 1 Jan |
 * | downgrade| Pro 100.00/month from 5 Jan; Basic 30.00 from 20 Mar |
 * | forever  | Pro 100.00/month with a forever 50 % coupon from 1 Jan; the coupon is deleted 5 May |
 * | repeating| 60.00/month with 50 % off for 2 months from 1 Feb 12:00 (the discount ends 1 Apr 12:00) |
 * | trial    | 50.00/month with a 14-day trial from 10 Jan: paid from 24 Jan |
 * | dunning  | 40.00/month from 1 Jan; its card declines from 25 Jan: past_due 1 Feb, retries 6 Feb and 2 Apr fail, unpaid 2 Apr |
 * | comeback | 20.00/month from 1 Jan, cancelled 15 Feb (paid to 1 Mar); a new 20.00 subscription 15 Apr |
 * | sameMonth| 30.00/month from 3 Mar, cancelled 20 Mar |
 * | twoSubs  | 30.00 and 50.00/month from 1 Jan; the 50.00 one cancelled 10 Apr (paid to 1 May) |
 * | euro     | 80.00 EUR/month from 1 Jan: another currency, excluded |
 */
export type GoldenCustomer = 'upgrade' | 'annual' | 'downgrade' | 'forever' | 'repeating' | 'trial' | 'dunning' | 'comeback' | 'sameMonth' | 'twoSubs' | 'euro';

export const utc = (iso: string) => Math.floor(Date.parse(`${iso}Z`) / 1000);

export interface GoldenWorld {
  stripe: Stripe;
  emulator: StripeEmulator;
}

export async function playGoldenScenario({ stripe, emulator }: GoldenWorld): Promise<Record<GoldenCustomer, string>> {
  // Stripe's "if all retries fail: mark the subscription unpaid", retries 5 and 60 days after the first failure.
  emulator.settings.dunning = { retryDays: [5, 60], onExhausted: 'unpaid', markUncollectible: false };
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: utc('2025-01-01T00:00:00'), name: 'golden' });
  const settle = () => emulator.webhooksIdle();
  const advanceTo = async (iso: string) => {
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: utc(iso) });
    await settle();
  };

  const product = await stripe.products.create({ name: 'Opsdesk' });
  const price = (unitAmount: number, interval: 'month' | 'year', currency = 'usd') => stripe.prices.create({ product: product.id, currency, unit_amount: unitAmount, recurring: { interval } });
  const [basic, pro, annual, sixty, fifty, forty, twenty, euro] = await Promise.all([
    price(3000, 'month'), price(10000, 'month'), price(120000, 'year'), price(6000, 'month'), price(5000, 'month'), price(4000, 'month'), price(2000, 'month'), price(8000, 'month', 'eur'),
  ]);
  const halfForever = await stripe.coupons.create({ id: 'golden_half_forever', percent_off: 50, duration: 'forever' });
  const halfTwoMonths = await stripe.coupons.create({ id: 'golden_half_2m', percent_off: 50, duration: 'repeating', duration_in_months: 2 });

  const ids = {} as Record<GoldenCustomer, string>;
  const customer = async (name: GoldenCustomer) => {
    const created = await stripe.customers.create({ name, email: `${name}@golden.test`, test_clock: clock.id, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    ids[name] = created.id;
    return created.id;
  };
  const subscribe = async (name: GoldenCustomer, items: Stripe.Price[], extra: Partial<Stripe.SubscriptionCreateParams> = {}) =>
    stripe.subscriptions.create({ customer: ids[name] ?? (await customer(name)), items: items.map((p) => ({ price: p.id })), expand: ['latest_invoice.payments'], ...extra });

  // 1 Jan 00:00
  const upgrade = await subscribe('upgrade', [basic]);
  await subscribe('annual', [annual]);
  await subscribe('forever', [pro], { discounts: [{ coupon: halfForever.id }] });
  await subscribe('dunning', [forty]);
  const comeback = await subscribe('comeback', [twenty]);
  await subscribe('twoSubs', [basic]);
  const twoSubsFifty = await subscribe('twoSubs', [fifty]);
  await subscribe('euro', [euro]);
  await settle();

  await advanceTo('2025-01-05T12:00:00');
  const downgrade = await subscribe('downgrade', [pro]);
  await settle();

  await advanceTo('2025-01-10T12:00:00');
  await subscribe('trial', [fifty], { trial_period_days: 14 });
  await settle();

  // A refund is money back, not a change of MRR: no movement.
  await advanceTo('2025-01-20T12:00:00');
  const firstPayment = (upgrade.latest_invoice as Stripe.Invoice).payments!.data[0]!.payment.payment_intent as string;
  await stripe.refunds.create({ payment_intent: firstPayment, reason: 'requested_by_customer' });
  await settle();

  await advanceTo('2025-01-25T12:00:00');
  await stripe.customers.update(ids.dunning, { invoice_settings: { default_payment_method: 'pm_card_chargeDeclined' } });
  await settle();

  await advanceTo('2025-02-01T12:00:00');
  await subscribe('repeating', [sixty], { discounts: [{ coupon: halfTwoMonths.id }] });
  await settle();

  await advanceTo('2025-02-10T12:00:00');
  await stripe.subscriptions.update(upgrade.id, { items: [{ id: upgrade.items.data[0]!.id, price: pro.id }] });
  await settle();

  await advanceTo('2025-02-15T12:00:00');
  await stripe.subscriptions.cancel(comeback.id);
  await settle();

  await advanceTo('2025-03-03T12:00:00');
  const sameMonth = await subscribe('sameMonth', [basic]);
  await settle();

  await advanceTo('2025-03-20T12:00:00');
  await stripe.subscriptions.update(downgrade.id, { items: [{ id: downgrade.items.data[0]!.id, price: basic.id }] });
  await stripe.subscriptions.cancel(sameMonth.id);
  await settle();

  await advanceTo('2025-04-10T12:00:00');
  await stripe.subscriptions.cancel(twoSubsFifty.id);
  await settle();

  await advanceTo('2025-04-15T12:00:00');
  await subscribe('comeback', [twenty]);
  await settle();

  // Deleting a coupon leaves the discounts already granted in force (Stripe): MRR keeps it.
  await advanceTo('2025-05-05T12:00:00');
  await stripe.coupons.del(halfForever.id);
  await settle();

  await advanceTo('2025-06-30T12:00:00');
  return ids;
}

import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { newId } from '../ids.js';
import { addMonths } from './periods.js';

/** A Discount object applying a coupon to a subscription (or customer). */
export function newDiscount(engine: Engine, coupon: StripeObject, input: { customer: string; subscription: string | null; start: number }): StripeObject {
  const end = coupon.duration === 'repeating' && coupon.duration_in_months ? addMonths(input.start, coupon.duration_in_months) : null;
  const discount: StripeObject = {
    id: newId('di'),
    object: 'discount',
    checkout_session: null,
    customer: input.customer,
    customer_account: null,
    end,
    invoice: null,
    invoice_item: null,
    promotion_code: null,
    source: { coupon: structuredClone(coupon), type: 'coupon' },
    start: input.start,
    subscription: input.subscription,
    subscription_item: null,
  };
  coupon.times_redeemed = (coupon.times_redeemed as number) + 1;
  return engine.store.insert(discount);
}

/**
 * Whether a discount still reduces an invoice created at `at`: `once` only for the first
 * invoice it touches, `repeating` until its end, `forever` always.
 */
export function discountApplies(discount: StripeObject, at: number, invoicesAlreadyDiscounted: number): boolean {
  const coupon = discount.source.coupon as StripeObject;
  if (coupon.duration === 'once') return invoicesAlreadyDiscounted === 0;
  if (discount.end !== null && at >= (discount.end as number)) return false;
  return true;
}

export function discountAmount(coupon: StripeObject, subtotal: number): number {
  if (subtotal <= 0) return 0;
  if (coupon.percent_off != null) return Math.round((subtotal * (coupon.percent_off as number)) / 100);
  if (coupon.amount_off != null) return Math.min(subtotal, coupon.amount_off as number);
  return 0;
}

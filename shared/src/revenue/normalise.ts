import type { CouponState, SubscriptionItemState } from './revenue.types.js';

/**
 * Monthly normalisation of a subscription's price, in integer cents.
 *
 * Arithmetic is exact (BigInt fractions): items are summed and coupons applied on the
 * exact monthly value, and the result is rounded ONCE per subscription, half up
 * (x.5 → x+1; values are never negative). Customer and company totals add these
 * integers, so no fraction of a cent is ever carried across subscriptions and the
 * total equals the sum of the per-subscription figures shown in a drill-down.
 */
interface Fraction {
  num: bigint;
  den: bigint;
}

const ZERO: Fraction = { num: 0n, den: 1n };

/** An interval's share of one month: a fraction months⁻¹, or null if not recurring. */
function perMonth(interval: string | null, intervalCount: number | null): Fraction | null {
  const count = BigInt(intervalCount ?? 1);
  if (count <= 0n) return null;
  if (interval === 'month') return { num: 1n, den: count };
  if (interval === 'year') return { num: 1n, den: 12n * count };
  if (interval === 'week') return { num: 52n, den: 12n * count };
  if (interval === 'day') return { num: 365n, den: 12n * count };
  return null;
}

const add = (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
const scale = (f: Fraction, by: bigint): Fraction => ({ num: f.num * by, den: f.den });
const clampAtZero = (f: Fraction): Fraction => (f.num < 0n ? ZERO : f);

/** Half up, for a non-negative fraction. */
function roundHalfUp(f: Fraction): number {
  return Number((2n * f.num + f.den) / (2n * f.den));
}

function itemMonthly(item: SubscriptionItemState): Fraction {
  if (item.usageType === 'metered' || !item.unitAmount || item.unitAmount < 0 || item.quantity <= 0) return ZERO;
  const share = perMonth(item.interval, item.intervalCount);
  return share ? scale(share, BigInt(item.unitAmount) * BigInt(item.quantity)) : ZERO;
}

/** Percent off as ten-thousandths, so 12.5 % stays exact. */
const percentBasis = (percentOff: number): bigint => BigInt(Math.round(Math.min(100, Math.max(0, percentOff)) * 100));

function applyCoupon(value: Fraction, coupon: CouponState, currency: string, invoiceShare: Fraction | null): Fraction {
  if (coupon.percentOff) {
    return clampAtZero({ num: value.num * (10_000n - percentBasis(coupon.percentOff)), den: value.den * 10_000n });
  }
  // amount_off comes off each invoice in the coupon's currency: normalise it like the price.
  if (coupon.amountOff && invoiceShare && coupon.currency?.toLowerCase() === currency.toLowerCase()) {
    return clampAtZero(add(value, scale(invoiceShare, -BigInt(coupon.amountOff))));
  }
  return value;
}

/**
 * A subscription's monthly value in cents, given the coupons the policy lets reduce
 * it (applied in order, never below zero). Free, metered and unknown-interval items
 * add nothing. Stripe bills all of a subscription's licensed items on one interval,
 * so an amount-off coupon is normalised by the first licensed item's interval.
 */
export function monthlyCents(items: readonly SubscriptionItemState[], coupons: readonly CouponState[], currency: string): number {
  let value = items.reduce((sum, item) => add(sum, itemMonthly(item)), ZERO);
  const invoiceItem = items.find((item) => item.usageType !== 'metered' && perMonth(item.interval, item.intervalCount));
  const invoiceShare = invoiceItem ? perMonth(invoiceItem.interval, invoiceItem.intervalCount) : null;
  for (const coupon of coupons) value = applyCoupon(value, coupon, currency, invoiceShare);
  return roundHalfUp(value);
}

/** The interval a subscription invoices on: its first licensed, recurring item's. */
export function billingInterval(items: readonly SubscriptionItemState[]): { interval: string; count: number } | null {
  const item = items.find((i) => i.usageType !== 'metered' && perMonth(i.interval, i.intervalCount));
  return item?.interval ? { interval: item.interval, count: item.intervalCount ?? 1 } : null;
}

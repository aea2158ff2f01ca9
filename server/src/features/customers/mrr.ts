/**
 * A subscription's monthly-normalised value in cents, by Stripe's definition
 * (docs: shared/product.md, "MRR"): only `active` and `past_due` count; trials, free
 * and metered prices are excluded; annual / 12, quarterly (3 months) / 3,
 * weekly × 52 / 12; only `forever` coupons reduce it.
 *
 * Coupons: the mirror knows a subscription's coupons only when Stripe sent its
 * discounts expanded; `discounts` usually arrive as bare `di_…` ids. Then the coupon is
 * unknown and the MRR is computed without it (`discountsUnknown` says so).
 */
export interface MrrItem {
  unitAmount: number | null;
  quantity: number;
  interval: string | null;
  intervalCount: number | null;
  usageType: string | null;
}

export interface MrrCoupon {
  duration: string;
  percentOff: number | null;
  amountOff: number | null;
}

const COUNTING_STATUSES = new Set(['active', 'past_due']);

/** How many months one billing interval lasts. */
function monthsPerInterval(interval: string | null, count: number | null): number | null {
  const n = count ?? 1;
  if (interval === 'month') return n;
  if (interval === 'year') return 12 * n;
  if (interval === 'week') return (12 / 52) * n;
  if (interval === 'day') return (12 / 365) * n;
  return null;
}

export function itemMonthlyAmount(item: MrrItem): number {
  if (!item.unitAmount || item.usageType === 'metered') return 0;
  const months = monthsPerInterval(item.interval, item.intervalCount);
  return months ? (item.unitAmount * item.quantity) / months : 0;
}

export function subscriptionMrr(status: string, items: MrrItem[], coupons: MrrCoupon[]): number {
  if (!COUNTING_STATUSES.has(status)) return 0;
  let monthly = items.reduce((sum, item) => sum + itemMonthlyAmount(item), 0);
  const months = monthsPerInterval(items[0]?.interval ?? null, items[0]?.intervalCount ?? null) ?? 1;
  for (const coupon of coupons.filter((c) => c.duration === 'forever')) {
    if (coupon.percentOff) monthly *= 1 - coupon.percentOff / 100;
    // amount_off comes off each invoice: normalise it like the price.
    if (coupon.amountOff) monthly -= coupon.amountOff / months;
  }
  return Math.max(0, Math.round(monthly));
}

export interface MrrTotals {
  /** MRR in `currency`, the currency of the first subscription that has any (else the fallback). */
  mrr: number;
  currency: string | null;
  /** A customer billed in several currencies: the others' MRR, never added to the first. */
  mrrInOtherCurrencies: { currency: string | null; mrr: number }[];
}

/** A customer's MRR over their subscriptions, one sum per currency. */
export function mrrTotals(subscriptions: readonly { mrr: number; currency: string | null }[], fallbackCurrency: string | null): MrrTotals {
  const byCurrency = new Map<string | null, number>();
  for (const s of subscriptions) {
    // A price always has a currency in Stripe; the mirror's column is nullable only.
    const currency = s.currency ?? fallbackCurrency;
    if (s.mrr > 0) byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + s.mrr);
  }
  const [first, ...others] = [...byCurrency];
  if (!first) return { mrr: 0, currency: fallbackCurrency, mrrInOtherCurrencies: [] };
  return { mrr: first[1], currency: first[0], mrrInOtherCurrencies: others.map(([currency, mrr]) => ({ currency, mrr })) };
}

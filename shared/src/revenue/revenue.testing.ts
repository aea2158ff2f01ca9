import type { CouponState, SubscriptionItemState, SubscriptionState } from './revenue.types.js';

/** Builders for hand-written histories in tests: defaults are a monthly USD licensed price. */
export const monthly = (unitAmount: number | null, extra: Partial<SubscriptionItemState> = {}): SubscriptionItemState => ({
  unitAmount,
  quantity: 1,
  interval: 'month',
  intervalCount: 1,
  usageType: 'licensed',
  ...extra,
});

export const coupon = (id: string, extra: Partial<CouponState>): CouponState => ({
  id,
  duration: 'forever',
  durationInMonths: null,
  percentOff: null,
  amountOff: null,
  currency: null,
  ...extra,
});

type StateInput = Partial<Omit<SubscriptionState, 'effectiveAt' | 'currentPeriodEnd'>> & { at: string; currentPeriodEnd?: string };

/** One subscription's states; each state inherits the previous one's fields unless given. */
export function subscription(subscriptionId: string, customerId: string, ...inputs: StateInput[]): SubscriptionState[] {
  let previous: SubscriptionState = {
    subscriptionId,
    customerId,
    effectiveAt: new Date(0),
    status: 'active',
    cancelAtPeriodEnd: false,
    trialEnd: null,
    currentPeriodEnd: null,
    currency: 'usd',
    items: [],
    coupons: [],
  };
  return inputs.map(({ at, currentPeriodEnd, ...fields }) => {
    previous = { ...previous, ...fields, effectiveAt: new Date(at), currentPeriodEnd: currentPeriodEnd ? new Date(currentPeriodEnd) : previous.currentPeriodEnd };
    return previous;
  });
}

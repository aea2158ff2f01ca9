/**
 * One state of a subscription, as billing.subscription_history records it: the
 * subscription as it was from `effectiveAt` until the next state. The engine reads
 * nothing else, so anything a policy needs must be recorded here.
 */
export interface SubscriptionState {
  subscriptionId: string;
  customerId: string;
  effectiveAt: Date;
  /** Stripe's status: only `active` and `past_due` can count (`trialing` never does). */
  status: string;
  cancelAtPeriodEnd: boolean;
  /** Recorded for display; MRR follows `status` (a trial is `trialing`). */
  trialEnd: Date | null;
  /** End of the period being served; ProfitWell keeps MRR until then after a cancel. */
  currentPeriodEnd: Date | null;
  /** Three-letter lower-case code; a subscription bills in exactly one currency. */
  currency: string;
  items: SubscriptionItemState[];
  coupons: CouponState[];
}

export interface SubscriptionItemState {
  /** Per unit, per interval, in cents; null for prices without one (tiered). */
  unitAmount: number | null;
  quantity: number;
  interval: string | null;
  intervalCount: number | null;
  /** `licensed` or `metered`; metered prices never count. */
  usageType: string | null;
}

export interface CouponState {
  id: string;
  duration: 'forever' | 'once' | 'repeating';
  durationInMonths: number | null;
  percentOff: number | null;
  /** Off each invoice, in `currency`'s cents. */
  amountOff: number | null;
  currency: string | null;
  /** When the discount started (Stripe's discount.start); unknown → first state carrying it. */
  start?: Date | null;
  /** When the discount ends (Stripe's discount.end for `repeating`); unknown → computed. */
  end?: Date | null;
}

export type RevenuePolicyName = 'stripe' | 'chartmogul' | 'profitwell' | 'baremetrics';

export const REVENUE_POLICY_NAMES: readonly RevenuePolicyName[] = ['stripe', 'chartmogul', 'profitwell', 'baremetrics'];

export interface RevenueOptions {
  policy: RevenuePolicyName;
  /** The reporting currency; subscriptions billed in another are excluded, never added. */
  currency: string;
  /** Baremetrics only: days a subscription may stay `past_due` before it churns. */
  pastDueChurnDays?: number;
}

/** A day on which a customer's MRR changed, and the MRR from that day on (cents). */
export type TimelinePoint = readonly [day: string, mrrCents: number];

export type MovementKind = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

export const MOVEMENT_KINDS: readonly MovementKind[] = ['new', 'expansion', 'contraction', 'churn', 'reactivation'];

export interface Movement {
  customerId: string;
  day: string;
  kind: MovementKind;
  /** mrrAfter − mrrBefore: negative for contraction and churn. */
  amountCents: number;
  mrrBefore: number;
  mrrAfter: number;
}

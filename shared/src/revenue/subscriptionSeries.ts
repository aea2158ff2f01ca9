import { addInterval, addMonths, dayNumberOf } from './days.js';
import { billingInterval, monthlyCents } from './normalise.js';
import { COUNTING_STATUSES, type PolicyRules } from './policies.js';
import type { CouponState, SubscriptionState } from './revenue.types.js';

/**
 * One subscription's MRR as a step function of the day, under one policy.
 *
 * A day's MRR is the subscription's value at the END of that UTC day: the last state
 * that took effect on or before that day decides. `changeDays` lists every day on
 * which the value can change (a new state, a time-limited coupon starting or ending,
 * a past_due grace running out, a paid period ending), so a timeline only needs to
 * evaluate those days.
 */
export interface SubscriptionSeries {
  /** Computed on demand: `mrrAt` needs one day's value, not the change days. */
  changeDays(): number[];
  valueOn(dayNo: number): number;
}

const NEVER = Number.POSITIVE_INFINITY;

/** `states` all belong to one subscription, sorted by effectiveAt (ties: later wins). */
export function subscriptionSeries(states: readonly SubscriptionState[], rules: PolicyRules, currency: string): SubscriptionSeries {
  // Another currency excludes the whole subscription (excludedSubscriptions reports it).
  if (states.length === 0 || states.some((s) => s.currency.toLowerCase() !== currency.toLowerCase())) return { changeDays: () => [], valueOn: () => 0 };
  const stateDays = states.map((s) => dayNumberOf(s.effectiveAt));
  const couponWindow = couponWindows(states);
  const pastDueSince = pastDueRunStarts(states, stateDays);
  const graceOf = paidPeriodBeforeCancel(states, rules);
  const neverCounts = rules.ignoreCancelledWithinMonth && cancelledWithinFirstMonth(states);

  const stateIndexAtEndOf = (dayNo: number): number => {
    let low = 0;
    let high = states.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (stateDays[mid]! <= dayNo) [found, low] = [mid, mid + 1];
      else high = mid - 1;
    }
    return found;
  };

  const valueOfState = (state: SubscriptionState, dayNo: number): number => {
    const coupons = state.coupons.filter((c) => c.duration === 'forever' || (rules.coupons === 'all' && inWindow(couponWindow(c, state), dayNo)));
    return monthlyCents(state.items, coupons, state.currency);
  };

  const valueOn = (dayNo: number): number => {
    const index = stateIndexAtEndOf(dayNo);
    const state = states[index];
    if (!state || neverCounts) return 0;
    if (COUNTING_STATUSES.has(state.status)) {
      const pastDueFor = state.status === 'past_due' ? dayNo - pastDueSince[index]! : 0;
      return rules.pastDueChurnDays !== null && pastDueFor >= rules.pastDueChurnDays ? 0 : valueOfState(state, dayNo);
    }
    const grace = graceOf[index];
    return grace && dayNo < grace.untilDay ? valueOfState(grace.state, dayNo) : 0;
  };

  const changeDays = (): number[] => {
    const days = new Set(stateDays);
    states.forEach((state, i) => {
      if (state.status === 'past_due' && rules.pastDueChurnDays !== null) days.add(pastDueSince[i]! + rules.pastDueChurnDays);
      const grace = graceOf[i];
      if (grace) days.add(grace.untilDay);
      if (rules.coupons === 'all') for (const coupon of state.coupons) for (const day of Object.values(couponWindow(coupon, state))) days.add(day);
    });
    return [...days].filter(Number.isFinite).sort((a, b) => a - b);
  };
  return { changeDays, valueOn };
}

interface DayWindow {
  fromDay: number;
  untilDay: number;
}

const inWindow = (window: DayWindow, dayNo: number) => window.fromDay <= dayNo && dayNo < window.untilDay;

/**
 * When each coupon applies: from Stripe's discount start (or, unrecorded, the first
 * state that carries it) until its recorded end, or `durationInMonths` later
 * (`repeating`), or one billing interval later (`once`: one invoice).
 */
function couponWindows(states: readonly SubscriptionState[]): (coupon: CouponState, state: SubscriptionState) => DayWindow {
  const firstSeen = new Map<string, Date>();
  for (const state of states) for (const coupon of state.coupons) if (!firstSeen.has(coupon.id)) firstSeen.set(coupon.id, state.effectiveAt);
  return (coupon, state) => {
    const start = coupon.start ?? firstSeen.get(coupon.id) ?? state.effectiveAt;
    if (coupon.duration === 'forever') return { fromDay: dayNumberOf(start), untilDay: NEVER };
    const end = coupon.end ?? (coupon.duration === 'repeating' ? addMonths(start, coupon.durationInMonths ?? 1) : addInterval(start, billingInterval(state.items)));
    return { fromDay: dayNumberOf(start), untilDay: dayNumberOf(end) };
  };
}

/** For each past_due state, the day its uninterrupted past_due run began. */
function pastDueRunStarts(states: readonly SubscriptionState[], stateDays: readonly number[]): number[] {
  const starts: number[] = [];
  states.forEach((state, i) => {
    const previousWasPastDue = i > 0 && states[i - 1]!.status === 'past_due';
    starts.push(previousWasPastDue ? starts[i - 1]! : stateDays[i]!);
  });
  return starts;
}

/**
 * ProfitWell keeps a cancelled subscription's MRR until the end of the period the
 * customer paid for: for each `canceled` state reached straight from `active`, the
 * last active state and the day its period ends. (From past_due/unpaid the period was
 * not paid: churn is immediate.)
 */
function paidPeriodBeforeCancel(states: readonly SubscriptionState[], rules: PolicyRules): Array<{ state: SubscriptionState; untilDay: number } | null> {
  let lastBeforeCancel: SubscriptionState | null = null;
  return states.map((state) => {
    if (state.status !== 'canceled') {
      lastBeforeCancel = state;
      return null;
    }
    const paid = lastBeforeCancel;
    if (rules.churnAt !== 'periodEnd' || paid?.status !== 'active' || !paid.currentPeriodEnd) return null;
    return { state: paid, untilDay: dayNumberOf(paid.currentPeriodEnd) };
  });
}

/**
 * ProfitWell ignores a subscription cancelled less than a calendar month after it
 * started paying: the cancel request is the canceled state, or the first of the
 * cancel-at-period-end states that led straight to it.
 */
function cancelledWithinFirstMonth(states: readonly SubscriptionState[]): boolean {
  const firstCounting = states.findIndex((s) => COUNTING_STATUSES.has(s.status));
  const canceled = states.findIndex((s, i) => i > firstCounting && s.status === 'canceled');
  if (firstCounting < 0 || canceled < 0) return false;
  let requested = canceled;
  while (requested - 1 >= firstCounting && states[requested - 1]!.cancelAtPeriodEnd) requested -= 1;
  return states[requested]!.effectiveAt < addMonths(states[firstCounting]!.effectiveAt, 1);
}

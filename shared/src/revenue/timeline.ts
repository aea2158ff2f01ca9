import { dayNumber, formatDay } from './days.js';
import { policyRules, type PolicyRules } from './policies.js';
import type { RevenueOptions, SubscriptionState, TimelinePoint } from './revenue.types.js';
import { subscriptionSeries, type SubscriptionSeries } from './subscriptionSeries.js';

/**
 * Customer MRR over time. A timeline is compact: only the days on which the
 * customer's MRR changes, with the MRR from that day on; before its first point the
 * MRR is 0. Every subscription of the customer is summed (integer cents each).
 */

/** Groups states by subscription, each sorted by effectiveAt (equal times keep input order). */
function bySubscription(history: readonly SubscriptionState[]): SubscriptionState[][] {
  const groups = new Map<string, SubscriptionState[]>();
  for (const state of history) {
    const group = groups.get(state.subscriptionId);
    if (group) group.push(state);
    else groups.set(state.subscriptionId, [state]);
  }
  return [...groups.values()].map((states) => states.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime()));
}

function seriesOf(history: readonly SubscriptionState[], options: RevenueOptions, rules = policyRules(options)): SubscriptionSeries[] {
  return bySubscription(history).map((states) => subscriptionSeries(states, rules, options.currency));
}

/** `mrrAt` under explicit rules (to try one rule of another policy, see policyComparison). */
export function mrrAtWithRules(history: readonly SubscriptionState[], dayNo: number, options: RevenueOptions, rules: PolicyRules): number {
  return seriesOf(history, options, rules).reduce((sum, series) => sum + series.valueOn(dayNo), 0);
}

/** One customer's MRR in cents at the end of `day` (UTC), computed from its history. */
export function mrrAt(history: readonly SubscriptionState[], day: string, options: RevenueOptions): number {
  const dayNo = dayNumber(day);
  return seriesOf(history, options).reduce((sum, series) => sum + series.valueOn(dayNo), 0);
}

/** One customer's timeline: [day, mrrCents] on each day its MRR changes. */
export function customerTimeline(history: readonly SubscriptionState[], options: RevenueOptions): TimelinePoint[] {
  const series = seriesOf(history, options);
  const days = [...new Set(series.flatMap((s) => s.changeDays()))].sort((a, b) => a - b);
  const points: TimelinePoint[] = [];
  let previous = 0;
  for (const dayNo of days) {
    const mrr = series.reduce((sum, s) => sum + s.valueOn(dayNo), 0);
    if (mrr !== previous) points.push([formatDay(dayNo), mrr]);
    previous = mrr;
  }
  return points;
}

/** A customer's MRR on a day, read from its timeline. */
export function timelineValueAt(timeline: readonly TimelinePoint[], day: string): number {
  let value = 0;
  for (const [pointDay, mrr] of timeline) {
    if (pointDay > day) break;
    value = mrr;
  }
  return value;
}

export interface ExcludedSubscriptions {
  /** Subscriptions billed in a currency other than the reporting one: never added. */
  count: number;
  currencies: string[];
  subscriptionIds: string[];
}

export function excludedSubscriptions(history: readonly SubscriptionState[], currency: string): ExcludedSubscriptions {
  const excluded = new Map<string, string>();
  for (const state of history) if (state.currency.toLowerCase() !== currency.toLowerCase()) excluded.set(state.subscriptionId, state.currency.toLowerCase());
  return { count: excluded.size, currencies: [...new Set(excluded.values())].sort(), subscriptionIds: [...excluded.keys()].sort() };
}

export interface Timelines {
  timelines: Map<string, TimelinePoint[]>;
  excluded: ExcludedSubscriptions;
}

/** Timelines of every customer in a history that mixes customers. */
export function buildTimelines(history: readonly SubscriptionState[], options: RevenueOptions): Timelines {
  const byCustomer = new Map<string, SubscriptionState[]>();
  for (const state of history) {
    const states = byCustomer.get(state.customerId);
    if (states) states.push(state);
    else byCustomer.set(state.customerId, [state]);
  }
  const timelines = new Map<string, TimelinePoint[]>();
  for (const [customerId, states] of byCustomer) timelines.set(customerId, customerTimeline(states, options));
  return { timelines, excluded: excludedSubscriptions(history, options.currency) };
}

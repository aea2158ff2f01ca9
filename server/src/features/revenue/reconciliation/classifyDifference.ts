import { formatMoney } from '@opsdesk/shared';
import type { NewDifference, MirrorSubscription } from './reconciliationCompare.queries.js';
import { describeChange, mrrSummary, sameMrrTerms, type LiveSubscriptionValue } from './stripeLiveMrr.js';

/**
 * Why one customer's figures differ: the first reason that applies, most specific
 * first (the order of RECONCILIATION_REASONS, shared/src/revenue/reconciliation.schemas.ts).
 * Pure: the service gathers the facts, this only reads them.
 */
export interface CustomerComparison {
  customerId: string;
  opsdeskCents: number;
  /** In the reporting currency only. */
  stripeCents: number;
  /** Stripe's subscriptions of the customer that existed on the day, any currency. */
  live: LiveSubscriptionValue[];
}

export interface MirrorFacts {
  reportingCurrency: string;
  knownCustomers: ReadonlySet<string>;
  subscriptions: ReadonlyMap<string, MirrorSubscription>;
  /** Subscriptions the mirror recorded a state for after the day (a past day only). */
  changedAfterDay: ReadonlySet<string>;
  /** Each customer's MRR on the day recomputed from the mirror's history by the engine (absent: no history). */
  historyMrr: ReadonlyMap<string, number>;
}

const asOfText = (unixSeconds: number) => `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function classifyDifference(customer: CustomerComparison, facts: MirrorFacts): NewDifference {
  const row = (reason: NewDifference['reason'], subscriptionId: string | null, note: string | null): NewDifference => ({
    customerId: customer.customerId,
    opsdeskCents: customer.opsdeskCents,
    stripeCents: customer.stripeCents,
    reason,
    subscriptionId,
    note,
  });
  const excluded = customer.live.filter((s) => s.currency !== facts.reportingCurrency);
  if (customer.opsdeskCents === customer.stripeCents) {
    const first = excluded[0]!;
    const amounts = excluded.map((s) => `${formatMoney(s.mrrCents, s.currency)} a month (${s.subscriptionId})`).join(', ');
    return row('excluded_currency', first.subscriptionId, `Billed in another currency than ${facts.reportingCurrency.toUpperCase()}: ${amounts}, in neither total.`);
  }
  const counted = customer.live.filter((s) => s.currency === facts.reportingCurrency);
  if (counted.length > 0 && !facts.knownCustomers.has(customer.customerId)) {
    return row('customer_unknown', counted[0]!.subscriptionId, 'Stripe has this customer; the mirror has never received it. Run npm run stripe:backfill.');
  }
  const missing = counted.find((s) => !facts.subscriptions.has(s.subscriptionId));
  if (missing) return row('subscription_missing', missing.subscriptionId, 'Stripe lists this subscription; the mirror has never received it. Run npm run stripe:backfill.');
  for (const live of counted) {
    const mirror = facts.subscriptions.get(live.subscriptionId)!;
    const mirrored = mrrSummary(mirror.data);
    if (!sameMrrTerms(mirrored, live.summary)) {
      return row('mirror_behind', live.subscriptionId, `Changed at Stripe since the mirror's last event (${asOfText(mirror.asOf)}): ${describeChange(mirrored, live.summary)}.`);
    }
  }
  const changed = counted.find((s) => facts.changedAfterDay.has(s.subscriptionId));
  if (changed) return row('changed_after_day', changed.subscriptionId, 'Changed after this day; Stripe lists subscriptions only as they are now, so its figure is today’s terms.');
  const fromHistory = facts.historyMrr.get(customer.customerId) ?? 0;
  if (fromHistory !== customer.opsdeskCents) {
    return row('rows_stale', null, `The mirror's history gives ${formatMoney(fromHistory, facts.reportingCurrency)}; the precomputed rows are behind it. Run npm run revenue:rebuild.`);
  }
  if (customer.live.length === 0) return row('missing_at_stripe', null, 'Stripe lists no subscription of this customer on this day.');
  return row('amounts_differ', counted[0]?.subscriptionId ?? null, null);
}

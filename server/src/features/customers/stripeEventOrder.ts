import { sql } from 'kysely';

/**
 * Where an event falls among the events of its second, as Stripe emits them: `created`
 * has one-second resolution and event ids are random, so a sign-up's seven events (the
 * customer, its subscription, the invoice created, finalized and paid, the payment) all
 * share a second and, ordered by id, read in any order ("Payment succeeded" above
 * "Stripe customer created"). A digit from 0 (first in a second) to 9; events of one rank
 * still fall back to their id.
 */
const RANKS: [rank: number, types: string[]][] = [
  [0, ['customer.created']],
  [1, ['customer.updated', 'customer.subscription.created']],
  [2, ['invoice.created']],
  [3, ['invoice.finalized', 'invoice.updated']],
  [4, ['payment_intent.created', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.succeeded', 'charge.failed']],
  [5, ['invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed']],
  [6, ['customer.subscription.updated', 'customer.subscription.trial_will_end', 'customer.subscription.paused', 'customer.subscription.resumed']],
  [7, ['charge.refunded', 'charge.refund.updated', 'refund.created', 'refund.updated', 'credit_note.created', 'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed']],
  [8, ['customer.subscription.deleted', 'invoice.voided', 'invoice.marked_uncollectible']],
  [9, ['customer.deleted']],
];
const OTHERS = 4;

/** The rank as SQL over a column holding the event type (constants inlined: the list is ours, not input). */
export function stripeEventRankSql(typeColumn: string) {
  const cases = RANKS.map(([rank, types]) => sql`when ${sql.ref(typeColumn)} in (${sql.join(types.map((type) => sql.lit(type)))}) then ${sql.lit(String(rank))}`);
  return sql<string>`(case ${sql.join(cases, sql` `)} else ${sql.lit(String(OTHERS))} end)`;
}

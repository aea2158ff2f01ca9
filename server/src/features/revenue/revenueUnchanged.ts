import type { CustomerRevenueRows } from './revenueCompute.js';
import type { StoredRevenue } from './revenueRefreshInputs.queries.js';

/**
 * Whether one customer's freshly computed rows are exactly the stored ones, so the
 * refresh can skip them: no row to write, and no rollup to move (a rollup changes only
 * through a movement that came or went, or dimensions that moved). Rows are compared
 * column by column in the order both sides list them (revenueRefreshInputs.queries.ts);
 * any doubt — another order, a duplicate, a type that differs — reads as "changed" and
 * the customer goes through the write, which works out the real difference itself.
 */
export function sameAsStored(rows: CustomerRevenueRows, stored: StoredRevenue): boolean {
  if (stored.dimensionsMoved) return false;
  if (rows.movements.length !== stored.movements.length || rows.changes.length !== stored.changes.length) return false;
  if (rows.excluded.length !== stored.excluded.length || rows.trials.length !== stored.trials.length) return false;
  const movementsSame = rows.movements.every((m, i) => sameValues(stored.movements[i]!, [m.policy, m.day, m.kind, m.amountCents, m.beforeCents, m.afterCents, m.cohortMonth, m.subscriptionId, m.sourceEventId]));
  if (!movementsSame || !rows.changes.every((c, i) => sameValues(stored.changes[i]!, [c.policy, c.day, c.mrrCents, c.currency]))) return false;
  const excluded = [...rows.excluded].sort(bySubscription);
  const trials = [...rows.trials].sort(bySubscription);
  return excluded.every((e, i) => sameValues(stored.excluded[i]!, [e.subscriptionId, e.currency]))
    && trials.every((t, i) => sameValues(stored.trials[i]!, [t.subscriptionId, t.startedDay, t.convertedDay]));
}

function sameValues(stored: readonly unknown[], computed: readonly unknown[]): boolean {
  return stored.length === computed.length && computed.every((value, i) => stored[i] === value);
}

/** Code-unit order, as PostgreSQL's `collate "C"` orders the ASCII ids Stripe issues. */
const bySubscription = (a: { subscriptionId: string }, b: { subscriptionId: string }) => (a.subscriptionId < b.subscriptionId ? -1 : a.subscriptionId > b.subscriptionId ? 1 : 0);

import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { computeCustomerRevenue, type CustomerRevenueRows, type RevenueSettings } from './revenueCompute.js';
import type { HistoryRow } from './revenueHistory.queries.js';
import { findRefreshInputs, refreshInputsStatementNames } from './revenueRefreshInputs.queries.js';
import { incrementalStatementNames, INCREMENTAL, lockRevenueWrites, replaceCustomerRowsCached } from './revenueRows.queries.js';
import { sameAsStored } from './revenueUnchanged.js';

/**
 * The incremental path: after a subscription state of `customerId` is recorded, call
 * this in the same transaction. It recomputes that customer's timeline and movements
 * for every policy from their full history and writes what changed (rows and rollups),
 * so the result is the same as `npm run revenue:rebuild` would give.
 */
export async function refreshCustomerRevenue(trx: DbOrTrx, customerId: string): Promise<void> {
  await refreshRevenueForCustomers(trx, [customerId]);
}

/**
 * The webhook batch's hook: every customer whose subscriptions the batch changed, in
 * its transaction. Whatever the number of customers, two round trips when no customer's
 * revenue changed (a renewal, most events), three otherwise: the mirror write lock with
 * the settings (the batch already holds the lock, so it returns at once; a staff
 * action's transaction queues behind the mirror's writers); the customers' history with
 * the rows stored for them (revenueRefreshInputs.queries.ts); then, only for customers
 * whose computed rows or dimensions differ from the stored ones (revenueUnchanged.ts),
 * one statement writing the difference. The read and the write are each planned once
 * per connection (revenuePlanCache.ts; one more round trip the first time, to create
 * it), and every batch size runs on that one generic plan: planned for its own size, a
 * batch of 100 customers cost about twice as much (planning the thirty CTEs, and hash
 * joins over whole rollup tables where index lookups of the few touched keys are
 * cheaper). JIT is off for the refresh (lockRevenueWrites): it cost more than the
 * statements themselves.
 */
export async function refreshRevenueForCustomers(trx: DbOrTrx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const { settings, hasProductSchema, cached } = await lockRevenueWrites(trx, { cachedStatementNames: statementNames(trx), withoutJit: true });
  const ids = [...new Set(customerIds)].sort();
  const changed: string[] = [];
  const rows: CustomerRevenueRows = { changes: [], movements: [], excluded: [], trials: [] };
  for (const input of await findRefreshInputs(trx, ids, REVENUE_POLICY_NAMES, hasProductSchema, cached)) {
    const computed = computeCustomerRevenue(input.customerId, input.history, settings, REVENUE_POLICY_NAMES);
    if (sameAsStored(computed, input.stored)) continue;
    changed.push(input.customerId);
    appendRows(rows, computed);
  }
  if (changed.length === 0) return;
  await replaceCustomerRowsCached(trx, changed, rows, { ...INCREMENTAL, hasProductSchema }, cached);
}

let names: string[] | undefined;
/** The statements' text never changes while the process runs: their function names are computed once. */
export function statementNames(trx: DbOrTrx): string[] {
  names ??= [...refreshInputsStatementNames(trx), ...incrementalStatementNames(trx)];
  return names;
}

/** The rows of several customers from their history (ordered by customer, as findHistoryOfCustomers returns it). */
export function computeRows(customerIds: readonly string[], history: readonly HistoryRow[], settings: RevenueSettings, policies: readonly RevenuePolicyName[]): CustomerRevenueRows {
  const byCustomer = new Map<string, HistoryRow[]>();
  for (const row of history) {
    const rows = byCustomer.get(row.customerId);
    if (rows) rows.push(row);
    else byCustomer.set(row.customerId, [row]);
  }
  const result: CustomerRevenueRows = { changes: [], movements: [], excluded: [], trials: [] };
  for (const id of customerIds) {
    appendRows(result, computeCustomerRevenue(id, byCustomer.get(id) ?? [], settings, policies));
  }
  return result;
}

function appendRows(into: CustomerRevenueRows, rows: CustomerRevenueRows): void {
  into.changes.push(...rows.changes);
  into.movements.push(...rows.movements);
  into.excluded.push(...rows.excluded);
  into.trials.push(...rows.trials);
}

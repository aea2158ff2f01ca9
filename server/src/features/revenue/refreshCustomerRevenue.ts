import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { computeCustomerRevenue, type CustomerRevenueRows, type RevenueSettings } from './revenueCompute.js';
import { findHistoryOfCustomers, type HistoryRow } from './revenueHistory.queries.js';
import { incrementalStatementNames, INCREMENTAL, lockRevenueWrites, replaceCustomerRowsCached } from './revenueRows.queries.js';

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
 * its transaction. Three round trips whatever the number of customers: the mirror
 * write lock with the settings (the batch already holds the lock, so it returns at
 * once; a staff action's transaction queues behind the mirror's writers), the
 * customers' history, one statement writing the difference (planned once per
 * connection, revenuePlanCache.ts; a fourth round trip the first time to create it).
 * Every batch size runs on that one generic plan: planned for its own size, a batch of
 * 100 customers cost about twice as much (planning the thirty CTEs, and hash joins over
 * whole rollup tables where index lookups of the few touched keys are cheaper). JIT is
 * off for the refresh (lockRevenueWrites): it cost more than the statements themselves.
 */
export async function refreshRevenueForCustomers(trx: DbOrTrx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const { settings, hasProductSchema, cached } = await lockRevenueWrites(trx, { cachedStatementNames: statementNames(trx), withoutJit: true });
  const ids = [...new Set(customerIds)].sort();
  const rows = computeRows(ids, await findHistoryOfCustomers(trx, ids), settings, REVENUE_POLICY_NAMES);
  await replaceCustomerRowsCached(trx, ids, rows, { ...INCREMENTAL, hasProductSchema }, cached);
}

let names: string[] | undefined;
/** The statement's text never changes while the process runs: its function names are computed once. */
function statementNames(trx: DbOrTrx): string[] {
  names ??= incrementalStatementNames(trx);
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
    const rows = computeCustomerRevenue(id, byCustomer.get(id) ?? [], settings, policies);
    result.changes.push(...rows.changes);
    result.movements.push(...rows.movements);
    result.excluded.push(...rows.excluded);
    result.trials.push(...rows.trials);
  }
  return result;
}

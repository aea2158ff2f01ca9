import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { computeCustomerRevenue, type CustomerRevenueRows, type RevenueSettings } from './revenueCompute.js';
import { findHistoryOfCustomers, type HistoryRow } from './revenueHistory.queries.js';
import { incrementalStatementNames, INCREMENTAL, lockRevenueWrites, replaceCustomerRows, replaceCustomerRowsCached } from './revenueRows.queries.js';

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
 */
export async function refreshRevenueForCustomers(trx: DbOrTrx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const { settings, hasProductSchema, cached } = await lockRevenueWrites(trx, statementNames(trx));
  const ids = [...new Set(customerIds)].sort();
  const rows = computeRows(ids, await findHistoryOfCustomers(trx, ids), settings, REVENUE_POLICY_NAMES);
  if (ids.length <= CACHED_PLAN_MAX_CUSTOMERS) await replaceCustomerRowsCached(trx, ids, rows, { ...INCREMENTAL, hasProductSchema }, cached);
  else await replaceCustomerRows(trx, ids, rows, { ...INCREMENTAL, hasProductSchema });
}

/**
 * Up to this many customers the statement runs on its plan cached per connection,
 * generic and made for a few rows; a larger batch is planned for its own size, which
 * costs a few ms once for the whole batch.
 */
const CACHED_PLAN_MAX_CUSTOMERS = 16;

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

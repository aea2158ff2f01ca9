import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { computeCustomerRevenue, type CustomerRevenueRows, type RevenueSettings } from './revenueCompute.js';
import type { HistoryRow } from './revenueHistory.queries.js';
import { findRefreshInputs, REFRESH_READ } from './revenueRefreshInputs.queries.js';
import { REFRESH_WRITE, writeCustomerRows } from './revenueRows.queries.js';
import { installRoutines, type RoutineDefinition } from './revenueRoutines.js';
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
 * its transaction. Whatever the number of customers, one round trip when no customer's
 * revenue changed (a renewal, most events), two otherwise: the mirror write lock, the
 * settings and the customers' history with the rows stored for them, in one call
 * (revenueRefreshInputs.queries.ts); then, only for customers whose computed rows or
 * dimensions differ from the stored ones (revenueUnchanged.ts), one statement writing
 * the difference. Both are routines of the `revenue` schema (revenueRoutines.ts),
 * planned once per connection, and every batch size runs on that one generic plan:
 * planned for its own size, a batch of 100 customers cost about twice as much (planning
 * the thirty CTEs, and hash joins over whole rollup tables where index lookups of the
 * few touched keys are cheaper). JIT is off for the refresh: it cost more than the
 * statements themselves.
 */
export async function refreshRevenueForCustomers(trx: DbOrTrx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const ids = [...new Set(customerIds)].sort();
  const { settings, inputs } = await findRefreshInputs(trx, ids, REVENUE_POLICY_NAMES);
  const changed: string[] = [];
  const rows: CustomerRevenueRows = { changes: [], movements: [], excluded: [], trials: [] };
  for (const input of inputs) {
    const computed = computeCustomerRevenue(input.customerId, input.history, settings, REVENUE_POLICY_NAMES);
    if (sameAsStored(computed, input.stored)) continue;
    changed.push(input.customerId);
    appendRows(rows, computed);
  }
  if (changed.length === 0) return;
  await writeCustomerRows(trx, changed, rows);
}

/** Installs the refresh's routines (revenueRoutines.ts) of this code's version; `migrateToLatest` calls it after the migrations. */
export async function installRevenueRoutines(db: DbOrTrx): Promise<void> {
  await installRoutines(db, [REFRESH_READ, REFRESH_WRITE] as RoutineDefinition<never>[]);
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

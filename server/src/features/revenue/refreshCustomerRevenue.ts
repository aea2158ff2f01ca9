import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { computeCustomerRevenue, type RevenueSettings } from './revenueCompute.js';
import { findHistoryOfCustomers } from './revenueHistory.queries.js';
import { deleteCustomerRows, findRefreshContext, insertCustomerRows, lockCustomers, upsertCustomerDimensions } from './revenueRows.queries.js';

/**
 * The incremental path: after a subscription state of `customerId` is recorded, call
 * this in the same transaction. It recomputes that customer's timeline and movements
 * for every policy from their full history and replaces their rows, so the result is
 * the same as `npm run revenue:rebuild` would give (a few ms: one customer's history).
 * Concurrent refreshes of one customer take turns (lockCustomers).
 */
export async function refreshCustomerRevenue(trx: DbOrTrx, customerId: string): Promise<void> {
  await refreshRevenueForCustomers(trx, [customerId]);
}

/** The webhook batch's hook: every customer whose subscriptions the batch changed, in its transaction. */
export async function refreshRevenueForCustomers(trx: DbOrTrx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const { settings, hasProductSchema } = await findRefreshContext(trx);
  await refreshCustomers(trx, [...new Set(customerIds)].sort(), settings, REVENUE_POLICY_NAMES, hasProductSchema);
}

/** Several customers at once (the rebuild's batches); per-customer rows only when every policy is refreshed. */
export async function refreshCustomers(trx: DbOrTrx, customerIds: readonly string[], settings: RevenueSettings, policies: readonly RevenuePolicyName[], hasProductSchema: boolean): Promise<void> {
  const perCustomer = policies.length === REVENUE_POLICY_NAMES.length;
  await lockCustomers(trx, customerIds);
  const history = await findHistoryOfCustomers(trx, customerIds);
  const byCustomer = new Map<string, typeof history>();
  for (const row of history) {
    const rows = byCustomer.get(row.customerId);
    if (rows) rows.push(row);
    else byCustomer.set(row.customerId, [row]);
  }
  await deleteCustomerRows(trx, customerIds, policies, perCustomer);
  const rows = customerIds.map((id) => computeCustomerRevenue(id, byCustomer.get(id) ?? [], settings, policies));
  await insertCustomerRows(trx, { changes: rows.flatMap((r) => r.changes), movements: rows.flatMap((r) => r.movements), excluded: rows.flatMap((r) => r.excluded), trials: rows.flatMap((r) => r.trials) }, perCustomer);
  if (perCustomer) await upsertCustomerDimensions(trx, customerIds, hasProductSchema);
}

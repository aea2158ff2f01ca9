import { sql } from 'kysely';
import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { computeRows } from './refreshCustomerRevenue.js';
import type { RevenueSettings } from './revenueCompute.js';
import { findCustomerIdsAfter, findHistoryOfCustomers } from './revenueHistory.queries.js';
import { rebuildRollups } from './revenueRollups.queries.js';
import { deleteAllRows, findRevenueSettings, lockRevenueWrites, replaceCustomerRows, updateRevenueSettings } from './revenueRows.queries.js';

/**
 * `npm run revenue:rebuild`: every precomputed row again from billing.subscription_history,
 * in batches of customers, each batch one transaction (holding the mirror write lock, so
 * a webhook's refresh of the same customers waits) that also records the last customer
 * done; then the rollups, set-based from all movements, in one last transaction.
 * Interrupted, the next run resumes after that customer; finished, the next run starts
 * from scratch. The rows depend only on the history and the settings, so a rebuild gives
 * the same rows every time.
 */
export interface RebuildOptions {
  /** One policy, or all of them (which also rebuilds dimensions, exclusions and trials). */
  policy?: RevenuePolicyName;
  settings: RevenueSettings;
  batchSize?: number;
  onBatch?: (progress: { customersDone: number; lastCustomerId: string }) => void | Promise<void>;
}

export interface RebuildResult {
  scope: string;
  customers: number;
  resumed: boolean;
}

interface RebuildState {
  lastCustomerId: string | null;
  customersDone: string;
  completedAt: Date | null;
}

export async function rebuildRevenue(db: Db, options: RebuildOptions): Promise<RebuildResult> {
  const scope = options.policy ?? 'all';
  const policies = options.policy ? [options.policy] : REVENUE_POLICY_NAMES;
  const perCustomer = !options.policy;
  const current = await findRevenueSettings(db);
  const settingsChanged = current.currency !== options.settings.currency || current.pastDueChurnDays !== options.settings.pastDueChurnDays;
  if (settingsChanged && options.policy) throw new Error(`The reporting settings changed (${current.currency} → ${options.settings.currency}): rebuild every policy (without --policy).`);

  const { rows } = await sql<RebuildState>`select last_customer_id, customers_done, completed_at from revenue.rebuild_state where scope = ${scope}`.execute(db);
  const state = rows[0];
  const resumed = Boolean(state && !state.completedAt && !settingsChanged);
  let lastCustomerId = resumed ? state!.lastCustomerId : null;
  let customersDone = resumed ? Number(state!.customersDone) : 0;
  if (!resumed) {
    await db.transaction().execute(async (trx) => {
      await lockRevenueWrites(trx);
      await updateRevenueSettings(trx, options.settings);
      await deleteAllRows(trx, policies, perCustomer);
      await sql`insert into revenue.rebuild_state (scope) values (${scope})
        on conflict (scope) do update set last_customer_id = null, customers_done = 0, started_at = now(), completed_at = null`.execute(trx);
    });
  }

  for (;;) {
    const customerIds = await findCustomerIdsAfter(db, lastCustomerId, options.batchSize ?? 2000);
    if (customerIds.length === 0) break;
    lastCustomerId = customerIds.at(-1)!;
    customersDone += customerIds.length;
    await db.transaction().execute(async (trx) => {
      const { hasProductSchema } = await lockRevenueWrites(trx);
      const rows = computeRows(customerIds, await findHistoryOfCustomers(trx, customerIds), options.settings, policies);
      await replaceCustomerRows(trx, customerIds, rows, { policies, perCustomer, rollups: false, hasProductSchema });
      await sql`update revenue.rebuild_state set last_customer_id = ${lastCustomerId}, customers_done = ${customersDone} where scope = ${scope}`.execute(trx);
    });
    await options.onBatch?.({ customersDone, lastCustomerId });
  }
  await db.transaction().execute(async (trx) => {
    await lockRevenueWrites(trx);
    await rebuildRollups(trx, policies);
    await sql`update revenue.rebuild_state set completed_at = now() where scope = ${scope}`.execute(trx);
  });
  return { scope, customers: customersDone, resumed };
}

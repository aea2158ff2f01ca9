import { sql } from 'kysely';
import { REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import type { Db } from '../../db/database.js';
import { refreshCustomers } from './refreshCustomerRevenue.js';
import type { RevenueSettings } from './revenueCompute.js';
import { findCustomerIdsAfter } from './revenueHistory.queries.js';
import { deleteAllRows, findRefreshContext, updateRevenueSettings } from './revenueRows.queries.js';

/**
 * `npm run revenue:rebuild`: every precomputed row again from billing.subscription_history,
 * in batches of customers, each batch one transaction that also records the last
 * customer done. Interrupted, the next run resumes after that customer; finished, the
 * next run starts from scratch. The rows depend only on the history and the settings,
 * so a rebuild gives the same rows every time.
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
  const { settings: current, hasProductSchema } = await findRefreshContext(db);
  const settingsChanged = current.currency !== options.settings.currency || current.pastDueChurnDays !== options.settings.pastDueChurnDays;
  if (settingsChanged && options.policy) throw new Error(`The reporting settings changed (${current.currency} → ${options.settings.currency}): rebuild every policy (without --policy).`);

  const { rows } = await sql<RebuildState>`select last_customer_id, customers_done, completed_at from revenue.rebuild_state where scope = ${scope}`.execute(db);
  const state = rows[0];
  const resumed = Boolean(state && !state.completedAt && !settingsChanged);
  let lastCustomerId = resumed ? state!.lastCustomerId : null;
  let customersDone = resumed ? Number(state!.customersDone) : 0;
  if (!resumed) {
    await db.transaction().execute(async (trx) => {
      await updateRevenueSettings(trx, options.settings);
      await deleteAllRows(trx, policies, perCustomer);
      await sql`insert into revenue.rebuild_state (scope) values (${scope})
        on conflict (scope) do update set last_customer_id = null, customers_done = 0, started_at = now(), completed_at = null`.execute(trx);
    });
  }

  for (;;) {
    const customerIds = await findCustomerIdsAfter(db, lastCustomerId, options.batchSize ?? 500);
    if (customerIds.length === 0) break;
    lastCustomerId = customerIds.at(-1)!;
    customersDone += customerIds.length;
    await db.transaction().execute(async (trx) => {
      await refreshCustomers(trx, customerIds, options.settings, policies, hasProductSchema);
      await sql`update revenue.rebuild_state set last_customer_id = ${lastCustomerId}, customers_done = ${customersDone} where scope = ${scope}`.execute(trx);
    });
    await options.onBatch?.({ customersDone, lastCustomerId });
  }
  await sql`update revenue.rebuild_state set completed_at = now() where scope = ${scope}`.execute(db);
  return { scope, customers: customersDone, resumed };
}

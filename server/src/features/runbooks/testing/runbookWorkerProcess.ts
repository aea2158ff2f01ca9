import { loadConfig } from '../../../config/config.js';
import { createDatabase } from '../../../db/database.js';
import { configureAuditKeyring } from '../../audit/audit.keyring.js';
import { createLoginRateLimiter } from '../../auth/loginRateLimiter.js';
import { startBillingRuntime } from '../../billing/billingRuntime.js';
import { startJobEngine } from '../../jobs/jobEngine.js';
import { createLogger } from '../../../observability/logger.js';
import type { AppDeps } from '../../../trpc/context.js';
import { createRunbookJobKinds } from '../runbookJobs.js';
import { slowTestAction } from './slowTestAction.js';

/**
 * A server process for the runbook crash test (`tsx` this file, DATABASE_URL set): the
 * job engine started as main.ts starts it, with the runbook job kinds built the same
 * way, but for the test-only slow action, which the real server does not know.
 */
const config = loadConfig();
configureAuditKeyring(config);
const logger = createLogger(config.LOG_LEVEL);
const db = createDatabase(config.DATABASE_URL!, { max: 6 });
const billing = await startBillingRuntime(config);
const deps: AppDeps = { config, db, logger, loginRateLimiter: createLoginRateLimiter(), stripe: billing.stripe, stripeWebhookSecret: billing.webhookSecret };
const engine = await startJobEngine({ db, connectionString: config.DATABASE_URL!, logger, kinds: createRunbookJobKinds(deps, [slowTestAction]), concurrency: 2, sweepMs: 1_000, cancelPollMs: 100 });
console.log(`runbook worker ${engine.workerId} is running`);

process.once('SIGTERM', () => {
  void engine
    .stop()
    .then(() => billing.stop())
    .then(() => db.destroy())
    .finally(() => process.exit(0));
});

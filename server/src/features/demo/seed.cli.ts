import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../db/openDatabase.js';
import { insertCliAuditEntry, prepareCliAudit } from '../../cli/cliAudit.js';
import { createApp } from '../../http/createApp.js';
import { createLogger } from '../../observability/logger.js';
import { createLoginRateLimiter } from '../auth/loginRateLimiter.js';
import { emulatorStatePath, startBillingRuntime } from '../billing/billingRuntime.js';
import { migrateReferenceProductSchema } from './appSchema/migrateReferenceProductSchema.js';
import { hasProductUsers, resetDemoData } from './demoReset.js';
import { isDemoSeedInterrupted } from './demoSeedState.queries.js';
import { DEFAULT_DEMO_SIZE, DEFAULT_PAYING_SHARE, seedDemoCompany } from './seedDemoCompany.js';
import { formatProgress, formatSummary, readSeedSummary } from './seedSummary.js';

/**
 * `npm run seed -- [--users N] [--seed S] [--months M] [--reset]`: builds the demo
 * company into the configured database (embedded by default). Billing data goes the
 * real way: emulator → signed webhooks → this process's Opsdesk HTTP app → mirror.
 * Emptying existing demo data (--reset, or an unfinished earlier seed) is audited.
 */
const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

const program = new Command('seed')
  .description('Create the Opsdesk demo company (product data + Stripe history through the emulator)')
  .option('--users <n>', 'number of product users', positive('--users'), DEFAULT_DEMO_SIZE.users)
  .option('--seed <s>', 'random seed (same seed, same company)', positive('--seed'), DEFAULT_DEMO_SIZE.seed)
  .option('--months <m>', 'months of billing history', positive('--months'), DEFAULT_DEMO_SIZE.months)
  .option('--paying-share <fraction>', 'share of workspaces on a paid plan', Number, DEFAULT_PAYING_SHARE)
  .option('--reset', 'empty existing demo data (app tables and the Stripe mirror) first', false)
  .parse();
const options = program.opts<{ users: number; seed: number; months: number; payingShare: number; reset: boolean }>();

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const database = await openDatabase(config, (m) => console.log(m));
// The emulator keeps its objects beside the database; --reset forgets them too.
if (options.reset) rmSync(emulatorStatePath(config), { force: true });
const billing = await startBillingRuntime(config, { persist: { db: database.db } });
let server: Server | undefined;
try {
  if (!billing.emulator) throw new Error('STRIPE_SECRET_KEY is set: the demo company is only ever created in the Stripe emulator, never in a real Stripe account.');
  await migrateReferenceProductSchema(database.db);
  const interrupted = await isDemoSeedInterrupted(database.db);
  if (interrupted || (await hasProductUsers(database.db))) {
    if (!interrupted && !options.reset) throw new Error('This database already has product users (app.users is not empty). Run with --reset to replace the demo data.');
    console.log(interrupted ? 'The last demo seed was not finished: emptying the demo company (app.*, the billing mirror and the staff work about it), then seeding again' : '--reset: emptying the demo company (app.*, the billing mirror and the staff work about it)');
    // Emptying the product data is a change like any other: audited, with the OS user as actor.
    await prepareCliAudit(config, database.db);
    await resetDemoData(database.db);
    await insertCliAuditEntry(database.db, 'opsdesk-seed-cli', {
      action: 'demo.data_reset',
      target: { type: 'demo_company', id: 'app' },
      reason: interrupted ? 'seed CLI: the previous seed was not finished' : 'run with seed --reset',
      result: 'success',
    });
  }
  const app = createApp({
    config,
    db: database.db,
    logger,
    loginRateLimiter: createLoginRateLimiter({}),
    stripe: billing.stripe,
    stripeWebhookSecret: billing.webhookSecret,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  billing.connectWebhooks(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  console.log(`Seeding ${options.users} users, ${options.months} months of billing history (seed ${options.seed})…`);
  const result = await seedDemoCompany({ db: database.db, stripe: billing.stripe, emulator: billing.emulator, ...options, onProgress: (p) => console.log(`${elapsed()} ${formatProgress(p)}`) });
  console.log(formatSummary(await readSeedSummary(database.db), result, (performance.now() - started) / 1000));
  process.exitCode = 0;
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  server?.closeAllConnections();
  server?.close();
  await billing.stop();
  await database.close();
}

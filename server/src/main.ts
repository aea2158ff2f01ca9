import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { loadConfig } from './config/config.js';
import { handleShutdownSignalsInCaller } from './db/embeddedPostgres.js';
import { openDatabase } from './db/openDatabase.js';
import { startAuditAnchoring } from './features/audit/audit.anchor.js';
import { configureAuditKeyring } from './features/audit/audit.keyring.js';
import { sealLegacyAuditRows } from './features/audit/audit.seals.js';
import { encryptLegacyAuditRows } from './features/audit/auditLegacy.js';
import { startBillingRuntime } from './features/billing/billingRuntime.js';
import { seedDemoCompanyOnFirstStart } from './features/demo/demoFirstStart.js';
import { createLoginRateLimiter } from './features/auth/loginRateLimiter.js';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemoStaff } from './features/staff/demoStaff.js';
import { createApp } from './http/createApp.js';
import { portProblem } from './http/portInUse.js';
import { createMetrics } from './observability/metrics.js';
import { createSignalCollector } from './features/signals/signalCollector.js';
import { signalInstanceName } from './features/signals/instanceName.js';
import { createLogger } from './observability/logger.js';
import { BUILT_IN_JOB_KINDS, BUILT_IN_JOB_SCHEDULES } from './features/jobs/builtInJobs.js';
import { startJobEngine } from './features/jobs/jobEngine.js';
import { createRunbookJobKinds } from './features/runbooks/runbookJobs.js';
import { createPrivacyJobKinds } from './features/privacy/privacyJobs.js';
import { createRevenueJobKinds } from './features/revenue/jobs/revenueJobs.js';
import { initServerSentry } from './observability/sentry.js';
import { startActionReconciler } from './features/actionRequests/actionReconciler.js';
import { warmAccountSnapshot } from './features/flags/flagImpactSnapshot.js';

/**
 * `npm start`: configuration → error reporting → database (embedded unless
 * DATABASE_URL) → migrations → demo staff on first start → HTTP.
 */
const config = loadConfig();
configureAuditKeyring(config);
const logger = createLogger(config.LOG_LEVEL);
const say = (message: string) => logger.info(message);
initServerSentry({ dsn: config.SENTRY_DSN, release: config.SENTRY_RELEASE, environment: config.NODE_ENV });

const database = await openDatabase(config, say);
// Audit seals (features/audit): rows from before sealing existed are sealed once, before
// anything writes; then the chain head is published outside the database, now and
// every AUDIT_ANCHOR_INTERVAL_SECONDS (an unwritable AUDIT_ANCHOR_FILE fails the start).
await sealLegacyAuditRows(database.db, config.auditAnchorFile, logger);
// Personal data in rows from before it was sealed under subject keys is sealed in place, once (docs/gdpr.md).
const legacyRowsEncrypted = await encryptLegacyAuditRows(database.db);
if (legacyRowsEncrypted > 0) say(`Sealed the personal data of ${legacyRowsEncrypted} audit rows written before per-subject keys existed`);
const auditAnchoring = await startAuditAnchoring(database.db, config, logger);
const demoMode = config.SEED_DEMO_STAFF ?? (database.embedded && !config.production);
const seeded = demoMode ? await seedDemoStaff(database.db) : false;
const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
// The demo emulator keeps its state beside the database (OPSDESK_DATA_DIR), so a restart finds both.
const billing = await startBillingRuntime(config, { persist: { db: database.db } }).catch(async (error: unknown) => {
  const problem = portProblem(error, config.STRIPE_EMULATOR_PORT, 'STRIPE_EMULATOR_PORT');
  if (!problem) throw error;
  console.error(problem);
  await database.close();
  process.exit(1);
});
if (billing.emulator) say(`No STRIPE_SECRET_KEY: using the in-repo Stripe emulator at ${billing.emulator.url}`);
const deps = {
  config,
  db: database.db,
  logger,
  loginRateLimiter: createLoginRateLimiter({ redis, keyPrefix: config.REDIS_KEY_PREFIX }),
  stripe: billing.stripe,
  stripeWebhookSecret: billing.webhookSecret,
  redis,
};
// Built-in golden signals (features/signals): requests counted in memory, one row a minute per instance.
const metrics = createMetrics();
const signals = createSignalCollector({ db: database.db, instance: signalInstanceName(config.PORT, config.OPSDESK_INSTANCE), metrics, logger });
const app = createApp(deps, { metrics, signals });
let jobEngineStarting: ReturnType<typeof startJobEngine> | undefined;

// Express 5 calls this back with the error, too, when the port cannot be opened: without
// the check, a second `npm start` beside a running one went on to seed and start its jobs,
// and printed "Opsdesk is running at" the other process's address.
const server: Server = app.listen(config.PORT, config.HOST, async (error?: Error) => {
  if (error) return failToListen(error);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  billing.connectWebhooks(`http://127.0.0.1:${port}`);
  // ── Demo company (features/demo): on the first demo start only, seeded through the
  //    emulator and this server's own webhook endpoint; never throws. ──
  if (demoMode) await seedDemoCompanyOnFirstStart({ db: database.db, stripe: billing.stripe, emulator: billing.emulator, users: config.DEMO_COMPANY_USERS, deps });
  // ── end demo company ──
  // Stopped while the demo company was being created (a first start takes a minute, Ctrl-C comes
  // easily): the shutdown is closing the database, so nothing more starts. Starting the job engine
  // on it ended the process in an uncaught "driver has already been destroyed" before the
  // shutdown could finish; the next start finishes the company (demoFirstStart.ts).
  if (shuttingDown) return;
  // Durable jobs (features/jobs, docs/architecture.md "Jobs"): graphile-worker on this database,
  // its own schema; resumes or fails runs a stopped server left, and keeps the schedules
  // (suspension lifting every minute). Started after the demo company so runs find the product schema.
  jobEngineStarting = startJobEngine({ db: database.db, connectionString: database.url, logger, kinds: [...BUILT_IN_JOB_KINDS, ...createRunbookJobKinds(deps), ...createRevenueJobKinds(deps), ...createPrivacyJobKinds(deps)], schedules: BUILT_IN_JOB_SCHEDULES, concurrency: config.JOBS_CONCURRENCY });
  try {
    await jobEngineStarting;
  } catch (error) {
    if (shuttingDown) return; // the database went away under a start the stop overtook
    throw error;
  }
  if (shuttingDown) return;
  signals.start();
  // Staff actions whose outcome was never recorded are finished from Stripe (features/actionRequests/actionReconciler.ts).
  startActionReconciler(deps);
  // The impact preview's account snapshot (features/flags/flagImpactSnapshot.ts), read in the background so the first preview need not wait; never throws.
  void warmAccountSnapshot(database.db);
  const lines = [`Opsdesk is running at ${url}`];
  if (demoMode) {
    lines.push(seeded ? 'Demo staff accounts created:' : 'Demo staff accounts:');
    for (const member of DEMO_STAFF) lines.push(`  ${member.roles.join(',').padEnd(10)} ${member.email}`);
    lines.push(`  password for all: ${DEMO_PASSWORD}`);
  }
  // Printed plainly as well as logged: this is what a newcomer reads first.
  console.log(`\n${lines.join('\n')}\n`);
});

function failToListen(error: Error): void {
  const problem = portProblem(error, config.PORT, 'PORT');
  if (!problem) throw error;
  console.error(problem);
  void shutdown(`port ${config.PORT} in use`, 1);
}

/**
 * Why a flag and not `process.once`: a stop can reach this process more than once — a
 * terminal's Ctrl-C signals the whole process group, and npm, tsx or a process manager
 * forward signals again to what they started — and with `once` a repeat found no handler
 * and ended the process mid-shutdown, requests and the database cut off. Repeats are
 * ignored; a shutdown that hangs is ended after 30 s.
 */
let shuttingDown = false;
async function shutdown(reason: string, exitCode = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => {
    console.error('Opsdesk did not stop within 30 s: exiting anyway');
    process.exit(1);
  }, 30_000).unref();
  say(`${reason}, shutting down`);
  // Finish the requests in flight (at most 10 s) before the database goes away under them.
  const drained = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  // Each part is stopped even when one before it fails (the database may already be gone).
  const failed: string[] = [];
  const stopPart = async (part: string, stop: () => unknown) => {
    try {
      await stop();
    } catch (error) {
      failed.push(part);
      logger.warn({ err: error }, `stopping ${part} failed`);
    }
  };
  // A start still on its way is awaited, so an engine that comes up during the stop is stopped too.
  await stopPart('the job engine', async () => (await jobEngineStarting)?.stop());
  await stopPart('signals', () => signals.stop());
  await stopPart('audit anchoring', () => auditAnchoring.stop());
  await stopPart('Redis', () => redis?.disconnect());
  await stopPart('billing', () => billing.stop());
  await stopPart('the database', () => database.close());
  // Printed plainly, as the start's lines are: a person who pressed Ctrl-C reads it.
  console.log(failed.length ? `Opsdesk stopped (${failed.join(', ')} failed to stop cleanly)` : 'Opsdesk stopped');
  process.exit(failed.length ? 1 : exitCode);
}
handleShutdownSignalsInCaller();
process.on('SIGINT', () => void shutdown('SIGINT received'));
process.on('SIGTERM', () => void shutdown('SIGTERM received'));

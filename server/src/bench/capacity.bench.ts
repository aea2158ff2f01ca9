/**
 * npm run bench:capacity [-- --users 1500 --seconds 12 --abuse-seconds 15 --sweep-seconds 4 --steady 4 --peak 32]
 *
 * The capacity baseline (issue 7): a real Opsdesk server process, on its own fresh data
 * (a new database on DATABASE_URL's server, else the embedded PostgreSQL in a new
 * folder), with a demo company seeded by its own first start, driven over HTTP on
 * 127.0.0.1 with autocannon at three levels — steady, peak, abuse (peak plus a sign-in
 * flood) — and a concurrency sweep for where p95 crosses the 300 ms SLO.
 * Method, figures and what limits capacity: docs/capacity.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_STAFF } from '../features/staff/demoStaff.js';
import { readBenchData } from './benchData.js';
import { createBenchStorage } from './benchStorage.js';
import { ms } from './benchStats.js';
import { trafficFigures } from './capacityFigures.js';
import { runLevel, type FloodSpec } from './capacityLevel.js';
import { formatReport, type LevelReport, type SweepStep } from './capacityReport.js';
import { batchedSignIns, failedSignIns, signedInMix, trpcQueryPath, type TrafficSource } from './capacityTraffic.js';
import { freePort } from '../testing/freePort.js';
import { runLoad } from './loadRun.js';
import { startOpsdeskProcess, type OpsdeskProcess } from './opsdeskProcess.js';
import { startStripeStandIn } from './stripeStandIn.js';
import { createWebhookEvents } from './webhookEvents.js';
import { runBench, withClient, type Cleanup } from './benchRun.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '1500' },
    seconds: { type: 'string', default: '12' },
    'abuse-seconds': { type: 'string', default: '15' },
    'sweep-seconds': { type: 'string', default: '4' },
    steady: { type: 'string', default: '4' },
    peak: { type: 'string', default: '32' },
  },
});
const USERS = Number(args.users);
const LEVEL_SECONDS = Number(args.seconds);
const ABUSE_SECONDS = Number(args['abuse-seconds']);
const SWEEP_SECONDS = Number(args['sweep-seconds']);
const STEADY = Number(args.steady);
const PEAK = Number(args.peak);
const SWEEP = [1, 2, 4, 8, 16, 32, 64];
// The issue's abuse: 200 concurrent failed sign-ins and 50 batched requests (30 sign-ins each).
const FLOOD_CONNECTIONS = 200;
const BATCH_CONNECTIONS = 50;
const BATCH_SIZE = 30;
const POOL_MAX = Number(process.env.DB_POOL_MAX ?? 10);
const BENCH_STAFF = 'support@opsdesk.test';
// Accounts the flood guesses at: every demo account but the one the bench works as.
const TARGETED_STAFF = DEMO_STAFF.map((s) => s.email).filter((email) => email !== BENCH_STAFF);

const log = (message = '') => console.log(message);
/** What main() started, stopped by runBench whatever happens. */
const cleanups: Cleanup[] = [];

async function main() {
  const started = performance.now();
  log(`Opsdesk capacity bench: demo company of ${USERS} users; steady ${STEADY}, peak ${PEAK} connections, ${LEVEL_SECONDS} s each; abuse ${ABUSE_SECONDS} s; sweep ${SWEEP.join(', ')} × ${SWEEP_SECONDS} s`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}; node ${process.version}; commit ${gitCommit()}`);

  const storage = await createBenchStorage(process.env.DATABASE_URL);
  cleanups.push(() => storage.remove());
  const stripeApi = await startStripeStandIn();
  cleanups.push(() => stripeApi.stop());
  log(`Data: ${storage.label}`);
  const common = { ...storage.serverEnv, NODE_ENV: 'development', SEED_DEMO_STAFF: 'true', TRUST_PROXY: 'loopback', LOG_LEVEL: 'warn', REDIS_KEY_PREFIX: `opsdesk-bench-${randomBytes(3).toString('hex')}` };

  // 1. First start: the server seeds the demo company itself, through its in-process
  //    Stripe emulator and its own webhook endpoint, as `npm start` does.
  const seedServer = await startServer('first start, seeding', { ...common, DEMO_COMPANY_USERS: String(USERS), STRIPE_EMULATOR_PORT: '0' }, 300_000, echoSeedProgress);
  await seedServer.stop();
  await storage.waitForEmbeddedShutdown();

  // 2. The measured start. The demo's webhook secret is made up in-process and never
  //    shown, so the server is restarted as production runs it: STRIPE_SECRET_KEY and
  //    STRIPE_WEBHOOK_SECRET given (the bench signs with that secret), Stripe's API a
  //    loopback stand-in that counts calls, and no emulator inside the server.
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const server = await startServer('measured start', { ...common, STRIPE_SECRET_KEY: 'sk_test_opsdesk_bench', STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: stripeApi.url }, 120_000);
  const ready = await fetch(`${server.baseUrl}/readyz`);
  if (!ready.ok) throw new Error(`the server started but /readyz answered ${ready.status}: ${await ready.text()}`);

  const cookie = await signIn(server.baseUrl, BENCH_STAFF);
  const data = await readBenchData(storage.databaseUrl);
  log(`Signed in as ${BENCH_STAFF}; traffic from ${data.customers.length} sampled customers, ${data.payingUserIds.length} paying, ${data.stripeCustomers.length} Stripe customers; DB_POOL_MAX ${POOL_MAX}; PostgreSQL ${await serverVersion(storage.databaseUrl)}`);
  const mix = signedInMix({ cookie, data, webhooks: createWebhookEvents(data.stripeCustomers, { secret: webhookSecret, apiVersion: data.apiVersion }) });
  const probeQuery = { url: `${server.baseUrl}${trpcQueryPath('lookup.search', { q: data.customers[0]!.email })}`, cookie };
  const level = async (name: string, connections: number, seconds: number, flood?: FloodSpec[]) => {
    const report = await runLevel({ server, databaseUrl: storage.databaseUrl, poolMax: POOL_MAX, name, connections, seconds, mix, probeQuery, flood });
    assertAlive(server, `level ${name}`);
    return report;
  };

  // 3. Warm-up (JIT, PostgreSQL's caches, the pool's connections), not measured.
  await runLoad({ url: server.baseUrl, connections: PEAK, seconds: 3, source: mix });
  const levels: LevelReport[] = [await level('steady', STEADY, LEVEL_SECONDS), await level('peak', PEAK, LEVEL_SECONDS)];

  // 4. The sweep runs before the abuse level: if the flood starves the server, the sweep
  //    has still measured a healthy one.
  const sweep = await runSweep(server, mix);

  levels.push(
    await level('abuse', PEAK, ABUSE_SECONDS, [
      { name: 'failed sign-ins', connections: FLOOD_CONNECTIONS, source: failedSignIns(data, TARGETED_STAFF) },
      { name: `batched sign-ins (${BATCH_SIZE} per request)`, connections: BATCH_CONNECTIONS, source: batchedSignIns(data, TARGETED_STAFF, BATCH_SIZE) },
    ]),
  );
  const recoveryMs = await waitForReady(server.baseUrl, 30_000);

  const where = process.env.DATABASE_URL ? `PostgreSQL ${await serverVersion(storage.databaseUrl)} at DATABASE_URL` : 'embedded PostgreSQL';
  log(
    `\n${formatReport({
      title: `Capacity baseline — ${new Date().toISOString().slice(0, 10)}, ${where}, ${USERS} users, DB_POOL_MAX ${POOL_MAX}`,
      poolMax: POOL_MAX,
      cores: os.cpus().length,
      levels,
      sweep,
      sweepSeconds: SWEEP_SECONDS,
      recoveryMs,
      ledger: await webhookLedger(storage.databaseUrl),
      stripeCalls: stripeApi.calls(),
    })}`,
  );
  log(`\nTotal run ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

async function runSweep(server: OpsdeskProcess, mix: TrafficSource): Promise<SweepStep[]> {
  log('\nConcurrency sweep (signed-in mix):');
  const sweep: SweepStep[] = [];
  for (const connections of SWEEP) {
    const figures = trafficFigures(await runLoad({ url: server.baseUrl, connections, seconds: SWEEP_SECONDS, source: mix }));
    assertAlive(server, `the sweep at ${connections} connections`);
    sweep.push({ connections, figures });
    log(`  ${String(connections).padStart(2)} connections: ${figures.rps.value.toFixed(0)} req/s, p50 ${ms(figures.p50)} ms, p95 ${ms(figures.p95.value)} ms, errors ${(figures.errorRate * 100).toFixed(1)} %`);
  }
  return sweep;
}

/** The seed prints a line per step; the bench shows each phase's last one and the summary. */
function echoSeedProgress(line: string): void {
  const step = /^\s+(product data|billing history|linking|webhooks)\s+(\d+)\/(\d+)\s/.exec(line);
  const phaseDone = step !== null && step[2] === step[3];
  const summary = /^Demo company ready|^ {2}(users|Stripe customers|invoices|Stripe events) /.test(line);
  if (phaseDone || summary) log(`  seed │ ${line.trim()}`);
}

/** Starts the server and waits for main.ts's "Opsdesk is running at …" (printed once the demo seed is done). */
async function startServer(label: string, env: Record<string, string | undefined>, timeoutMs: number, onLine?: (line: string) => void): Promise<OpsdeskProcess> {
  // The bench drives hundreds of requests a second from one staff account and one address: it
  // measures capacity, not the staff API's rate limit (docs/runbook.md, "429 spike"), so it lifts it.
  const server = startOpsdeskProcess({ port: await freePort(), env: { RATE_LIMIT_STAFF_API: '100000000/60', RATE_LIMIT_WEBHOOKS: '100000000/60', ...env }, onLine });
  cleanups.push(() => server.stop());
  log(`Starting Opsdesk (${label}) at ${server.baseUrl}…`);
  try {
    await server.waitForLine(/Opsdesk is running at/, { timeoutMs, failure: /Demo company could not be created|Invalid configuration/ });
  } catch (error) {
    throw new Error(`Opsdesk failed to start (${label}): ${(error as Error).message}\n--- last server output ---\n${server.recentOutput()}`);
  }
  return server;
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = (await response.json().catch(() => null)) as { result?: { data?: { status?: string } } } | null;
  const status = body?.result?.data?.status;
  if (!response.ok || status !== 'ok') throw new Error(`signing in as ${email} failed: HTTP ${response.status}, ${status ?? JSON.stringify(body)} (the bench needs a demo account without TOTP)`);
  const session = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => /opsdesk_session=/.test(c));
  if (!session) throw new Error(`signing in as ${email} set no session cookie`);
  return session;
}

function assertAlive(server: OpsdeskProcess, during: string): void {
  const code = server.exitCode();
  if (code !== undefined) throw new Error(`the Opsdesk server exited (code ${code}) during ${during}\n--- last server output ---\n${server.recentOutput()}`);
}

/** Milliseconds until /readyz answers 200 again, or null if it does not within `timeoutMs`. */
async function waitForReady(baseUrl: string, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const ok = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}


/** The bench's webhook events in the ledger by status: each 200 should be one `processed`. */
async function webhookLedger(url: string): Promise<Record<string, number>> {
  const { rows } = await withClient(url, (c) => c.query<{ status: string; n: number }>(`select status, count(*)::int as n from ops.stripe_events where id like 'evt_bench_%' group by status order by status`));
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function serverVersion(url: string): Promise<string> {
  return withClient(url, (c) => c.query<{ v: string }>(`select current_setting('server_version') as v`).then((r) => r.rows[0]!.v));
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

await runBench('capacity bench', cleanups, main);

/**
 * npm run bench:webhooks [-- --events 20000 --concurrency 24 --duplicates 0.03 --late 0.1]
 *
 * Webhook ingest (issue 8, §4): a signed stream of Stripe events, made by driving the
 * in-repo emulator through the official SDK (webhookStream.ts), posted over HTTP with
 * Stripe's habits — many in flight, some twice, some late (webhookDeliveries.ts) — to
 * (1) a real Opsdesk server process, whose Stripe API is that same emulator, and
 * (2) the Stripe Sync Engine (`@supabase/stripe-sync-engine`) behind a small endpoint
 * in its own process (syncEngineEndpoint.ts), on its own fresh database. For each:
 * events/s, ingest latency, and whether every object ends in its final state
 * (webhookMirrorCheck.ts); and (3) the machine's ceiling: the same deliveries to an
 * endpoint that only checks the signature and answers (bareWebhookEndpoint.ts). BENCH_CPU_PROF=<folder> has the Opsdesk server write V8 CPU
 * profiles there (node --cpu-prof). Data: a new database on DATABASE_URL's server, else the
 * server's embedded PostgreSQL in a new folder; all removed afterwards.
 * Method and figures: docs/billing.md, "Webhook ingest benchmark".
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { API_VERSION, type StripeObject } from '@opsdesk/stripe-emulator';
import { freePort } from '../testing/freePort.js';
import { createBenchStorage } from './benchStorage.js';
import { formatTable, ms, percentiles } from './benchStats.js';
import { startCountingProxy } from './countingProxy.js';
import { startCpuSampler, type CpuShares } from './cpuSampler.js';
import { startOpsdeskProcess, type OpsdeskProcess } from './opsdeskProcess.js';
import { postDeliveries, scheduleDeliveries, type Delivery, type DeliveryRun } from './webhookDeliveries.js';
import { checkMirror, emulatorRetriever, finalStates, opsdeskMirror, syncEngineMirror, type FinalStates, type MirrorReader, type MirrorVerdict, type Retrieve } from './webhookMirrorCheck.js';
import { generateEventStream } from './webhookStream.js';
import { runBench, withClient, type Cleanup } from './benchRun.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '24' },
    duplicates: { type: 'string', default: '0.03' },
    late: { type: 'string', default: '0.1' },
    // For profiling Opsdesk alone; the figures compared need both systems.
    'opsdesk-only': { type: 'boolean', default: false },
  },
});
const MIN_EVENTS = Number(args.events);
const CONCURRENCY = Number(args.concurrency);
const POOL_MAX = Number(process.env.DB_POOL_MAX ?? 10);
/**
 * The webhook endpoint is subscribed to the event types the Sync Engine handles (it
 * throws on any other); coupon.* and test_helpers.* are left out. Opsdesk records the
 * ones it does not mirror (payment intents, payment methods) as `ignored`.
 */
const SUBSCRIBED = /^(customer|invoice|invoice_payment|charge|refund|payment_intent|payment_method|product|price)\./;

const log = (message = '') => console.log(message);
/** What main() started, stopped by runBench whatever happens. */
const cleanups: Cleanup[] = [];

interface SystemResult {
  name: string;
  run: DeliveryRun;
  /** Seconds from the first post until the mirror holds every event (for Opsdesk, when its inbox is empty). */
  endToEndSeconds: number;
  verdicts: MirrorVerdict[];
  /** Calls to Stripe's API (re-fetches) while ingesting. */
  stripeCalls: number;
}

async function main() {
  const started = performance.now();
  log(`Opsdesk webhook bench: ≥ ${MIN_EVENTS} events, ${CONCURRENCY} in flight, ${Number(args.duplicates) * 100} % duplicated, ${Number(args.late) * 100} % late`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}; node ${process.version}`);

  const generating = performance.now();
  const stream = await generateEventStream({ minEvents: MIN_EVENTS, keepEventType: (type) => SUBSCRIBED.test(type) });
  cleanups.push(() => stream.emulator.stop());
  const expected = finalStates(stream.events);
  const deliveries = scheduleDeliveries(stream.events, { duplicateRate: Number(args.duplicates), lateRate: Number(args.late), maxDelay: 200, seed: 8 });
  log(`Stream: ${stream.events.length} events about ${stream.customers} customers (${describeStream(stream.events, expected)}), made in ${((performance.now() - generating) / 1000).toFixed(1)} s; ${deliveries.length} deliveries`);

  const storage = await createBenchStorage(process.env.DATABASE_URL);
  cleanups.push(() => storage.remove());
  log(`Data: ${storage.label}`);
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  // Each system's Stripe API is the emulator that made the stream, behind a proxy that counts its calls.
  const stripeEnvFor = async () => {
    const proxy = await startCountingProxy(stream.emulator.url);
    cleanups.push(() => proxy.stop());
    return { proxy, env: { STRIPE_SECRET_KEY: stream.emulator.apiKey, STRIPE_WEBHOOK_SECRET: secret, STRIPE_API_BASE: proxy.url } };
  };
  const retrieveNow = emulatorRetriever(stream.emulator.url, stream.emulator.apiKey);

  // 1. Opsdesk, started as production runs it: its Stripe is the emulator that made the stream.
  const opsdeskStripe = await stripeEnvFor();
  const opsdesk = await startProcess('Opsdesk', {
    env: { ...storage.serverEnv, ...opsdeskStripe.env, NODE_ENV: 'development', SEED_DEMO_STAFF: 'false', DEMO_COMPANY_USERS: '0', LOG_LEVEL: 'warn', REDIS_KEY_PREFIX: `opsdesk-bench-${randomBytes(3).toString('hex')}` },
    nodeArgs: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
    ready: /Opsdesk is running at/,
    failure: /Invalid configuration/,
  });
  const results: SystemResult[] = [];
  await withClient(storage.databaseUrl, async (client) => {
    results.push(await measure('Opsdesk', opsdesk, '/webhooks/stripe', storage.databaseUrl, deliveries, secret, opsdeskMirror(client), expected, retrieveNow, opsdeskStripe.proxy.calls, () => inboxDrained(client)));
    log(`  ledger: ${JSON.stringify(await ledgerCounts(client))}`);
  });
  if (args['opsdesk-only']) return;

  // 2. The Stripe Sync Engine, on a fresh database of the same PostgreSQL server.
  const syncDatabaseUrl = await createSyncDatabase(storage.databaseUrl);
  const syncStripe = await stripeEnvFor();
  const syncEngine = await startProcess('Stripe Sync Engine', {
    env: { ...syncStripe.env, SYNC_DATABASE_URL: syncDatabaseUrl, DB_POOL_MAX: String(POOL_MAX), STRIPE_API_VERSION: API_VERSION },
    ready: /Sync engine listening at/,
    script: 'server/src/bench/syncEngineEndpoint.ts',
  });
  await withClient(syncDatabaseUrl, async (client) => {
    results.push(await measure('Stripe Sync Engine 0.48.5', syncEngine, '', syncDatabaseUrl, deliveries, secret, syncEngineMirror(client), expected, retrieveNow, syncStripe.proxy.calls));
  });

  const where = process.env.DATABASE_URL ? `PostgreSQL at DATABASE_URL` : 'embedded PostgreSQL';
  // 3. The ceiling: what this machine takes with this client when nothing is stored.
  const bare = await startProcess('the bare endpoint', {
    env: { STRIPE_WEBHOOK_SECRET: secret },
    ready: /Bare endpoint listening at/,
    script: 'server/src/bench/bareWebhookEndpoint.ts',
  });
  const ceiling = await measureCeiling(bare, deliveries, secret);

  log(`\nWebhook ingest — ${new Date().toISOString().slice(0, 10)}, ${where}, ${stream.events.length} events / ${deliveries.length} deliveries, ${CONCURRENCY} in flight, DB_POOL_MAX ${POOL_MAX}\n`);
  log(formatResults(results));
  const rate = (r: SystemResult) => r.run.deliveries / r.endToEndSeconds;
  log(`Ceiling (an endpoint that checks the signature and stores nothing, same client): ${ceiling.toFixed(0)} events/s — Opsdesk reaches ${((100 * rate(results[0]!)) / ceiling).toFixed(0)} % of it, the Sync Engine ${((100 * rate(results[1]!)) / ceiling).toFixed(0)} %; twice the Sync Engine would be ${((200 * rate(results[1]!)) / ceiling).toFixed(0)} % of it`);
  log(`\nTotal run ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

/**
 * `applied` resolves once everything acknowledged is in the mirror: Opsdesk answers when
 * an event is stored and applies it a moment later; the Sync Engine answers after writing.
 */
async function measure(name: string, server: OpsdeskProcess, path: string, databaseUrl: string, deliveries: Delivery[], secret: string, read: MirrorReader, expected: FinalStates, retrieveNow: Retrieve, stripeCalls: () => Record<string, number>, applied: () => Promise<void> = async () => undefined): Promise<SystemResult> {
  log(`Posting to ${name}…`);
  const cpu = startCpuSampler(server.pid, () => backendPids(databaseUrl));
  const started = performance.now();
  const run = await postDeliveries(`${server.baseUrl}${path}`, deliveries, { secret, concurrency: CONCURRENCY });
  await applied();
  const endToEndSeconds = (performance.now() - started) / 1000;
  const shares = await cpu.stop();
  const calls = stripeCalls();
  const verdicts = await checkMirror(read, expected, retrieveNow);
  const latency = percentiles(run.latencies);
  log(`  ${(run.deliveries / endToEndSeconds).toFixed(0)} events/s end to end (${endToEndSeconds.toFixed(1)} s), ${(run.deliveries / run.seconds).toFixed(0)} events/s acknowledged, p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms, p99 ${ms(latency.p99)} ms; failed attempts ${run.failedAttempts}, undelivered ${run.undelivered}; Stripe API calls ${JSON.stringify(calls)}`);
  if (shares) log(`  CPU while ingesting (100 % = one core): ${describeCpu(shares)}`);
  for (const error of run.firstErrors) log(`  e.g. ${error}`);
  for (const v of verdicts.filter((v) => v.stale + v.missing > 0)) {
    log(`  ${v.type}: ${v.stale} stale, ${v.missing} missing of ${v.objects} (fields behind: ${JSON.stringify(v.staleFields)})`);
    if (v.example && process.env.BENCH_VERBOSE) log(`    e.g. ${v.example.id}.${v.example.field}: final ${v.example.expected.slice(0, 600)}\n      stored ${v.example.stored.slice(0, 600)}`);
  }
  return { name, run, endToEndSeconds, verdicts, stripeCalls: Object.values(calls).reduce((a, b) => a + b, 0) };
}

/** Events a second the bare endpoint acknowledged (it stores nothing, so acknowledged is end to end). */
async function measureCeiling(server: OpsdeskProcess, deliveries: Delivery[], secret: string): Promise<number> {
  log('Posting to the bare endpoint…');
  const cpu = startCpuSampler(server.pid, async () => []);
  const run = await postDeliveries(server.baseUrl, deliveries, { secret, concurrency: CONCURRENCY });
  const shares = await cpu.stop();
  const latency = percentiles(run.latencies);
  log(`  ${(run.deliveries / run.seconds).toFixed(0)} events/s, p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms; failed attempts ${run.failedAttempts}, undelivered ${run.undelivered}`);
  if (shares) log(`  CPU while ingesting (100 % = one core): ${describeCpu(shares)}`);
  if (run.undelivered > 0 || run.failedAttempts > 0) throw new Error(`the bare endpoint refused deliveries: ${run.firstErrors.join('; ')}`);
  return run.deliveries / run.seconds;
}

function formatResults(results: SystemResult[]): string {
  const total = (verdicts: MirrorVerdict[], key: 'objects' | 'correct' | 'stale' | 'missing') => verdicts.reduce((sum, v) => sum + v[key], 0);
  const rate = (r: SystemResult) => r.run.deliveries / r.endToEndSeconds;
  const summary = formatTable(
    ['system', 'events/s end to end', 'acknowledged/s', 'p50 ms', 'p95 ms', 'p99 ms', 'failed attempts', 'Stripe API calls', 'objects', 'correct', 'stale', 'missing'],
    results.map((r) => {
      const latency = percentiles(r.run.latencies);
      return [r.name, rate(r).toFixed(0), (r.run.deliveries / r.run.seconds).toFixed(0), ms(latency.p50), ms(latency.p95), ms(latency.p99), r.run.failedAttempts, r.stripeCalls, total(r.verdicts, 'objects'), total(r.verdicts, 'correct'), total(r.verdicts, 'stale'), total(r.verdicts, 'missing')];
    }),
  );
  const byType = formatTable(
    ['object type', 'objects', ...results.map((r) => `${r.name.split(' ')[0]} stale/missing`)],
    results[0]!.verdicts.map((v, i) => [v.type, v.objects, ...results.map((r) => `${r.verdicts[i]!.stale}/${r.verdicts[i]!.missing}`)]),
  );
  const ratio = results.length === 2 ? `\nThroughput ratio Opsdesk / Sync Engine, end to end (first post → mirror complete): ${(rate(results[0]!) / rate(results[1]!)).toFixed(2)}×` : '';
  return `${summary}\n\n${byType}${ratio}`;
}

function describeCpu(cpu: CpuShares): string {
  const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
  return `server ${pct(cpu.server)} (event loop ${pct(cpu.eventLoop)}), PostgreSQL ${pct(cpu.postgres)}, bench client and emulator ${pct(cpu.bench)}, everything else ${pct(cpu.others)} of ${cpu.cores * 100} %`;
}

/** The PostgreSQL backends serving a system's database (not the bench's own connections). */
async function backendPids(url: string): Promise<number[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and application_name not like 'opsdesk-bench%'`);
    return rows.map((r) => r.pid);
  });
}

/** "N objects, M with two or more events in one second". */
function describeStream(events: StripeObject[], expected: FinalStates): string {
  const seconds = new Map<string, number[]>();
  for (const event of events) {
    const id = (event.data as { object: { id?: string } }).object.id;
    if (id) (seconds.get(id) ?? seconds.set(id, []).get(id)!).push(Number(event.created));
  }
  const sameSecond = [...seconds.values()].filter((s) => new Set(s).size < s.length).length;
  const checked = [...expected.values()].reduce((sum, m) => sum + m.size, 0);
  return `${seconds.size} objects, ${sameSecond} with several events in one second; ${checked} checked`;
}

async function startProcess(label: string, options: { env: Record<string, string | undefined>; ready: RegExp; failure?: RegExp; script?: string; nodeArgs?: string[] }): Promise<OpsdeskProcess> {
  const child = startOpsdeskProcess({ port: await freePort(), env: options.env, script: options.script, nodeArgs: options.nodeArgs });
  cleanups.push(() => child.stop());
  log(`Starting ${label} at ${child.baseUrl}…`);
  try {
    await child.waitForLine(options.ready, { timeoutMs: 180_000, failure: options.failure });
  } catch (error) {
    throw new Error(`${label} failed to start: ${(error as Error).message}\n--- last output ---\n${child.recentOutput()}`);
  }
  return child;
}

/** A new database beside Opsdesk's; dropped at the end (before the server, whose embedded PostgreSQL holds it). */
async function createSyncDatabase(opsdeskUrl: string): Promise<string> {
  const name = `stripe_sync_bench_${randomBytes(4).toString('hex')}`;
  const admin = new URL(opsdeskUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (c) => c.query(`create database ${name}`));
  cleanups.push(() => withClient(admin.toString(), (c) => c.query(`drop database if exists ${name} with (force)`)));
  const url = new URL(opsdeskUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opsdesk's inbox is empty (a failed event would show in the ledger line). Polled: the bench reads the database from outside. */
async function inboxDrained(client: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ops.stripe_events where status = 'pending'`);
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function ledgerCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ status: string; n: number }>(`select status, count(*)::int as n from ops.stripe_events group by status order by status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

await runBench('webhook bench', cleanups, main);

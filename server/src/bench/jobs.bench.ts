/**
 * npm run bench:jobs [-- --jobs 10000 --concurrency 4 --batch 100]
 *
 * The durable job engine (docs/architecture.md, "Jobs"; figures in docs/runbook.md,
 * "Jobs"): an engine in this process, as the server starts it, on a fresh migrated
 * database; `--jobs` small jobs (a kind that does one database round trip and logs one
 * line) are enqueued in transactions of `--batch`, while the engine runs them. Reported:
 * enqueue rate, throughput (jobs finished per second, first enqueue to last finish) and
 * queue latency (queued_at → started_at, both the database's clock) p50/p95/p99 — which,
 * for a burst larger than the engine drains, is mostly time spent behind the backlog.
 * Then `--idle` jobs one at a time (each enqueued once the previous has finished): the
 * latency of a job arriving at an idle queue, i.e. how fast LISTEN/NOTIFY wakes a worker.
 * Runs on the embedded PostgreSQL (a new data folder), and also on DATABASE_URL's server
 * (a new database) when it is set; everything is removed afterwards.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { z } from 'zod';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { enqueueJob } from '../features/jobs/enqueueJob.js';
import { startJobEngine } from '../features/jobs/jobEngine.js';
import { defineJobKind } from '../features/jobs/jobKind.js';
import { createLogger } from '../observability/logger.js';
import { parseBenchArgs } from './benchArgs.js';
import { openBenchDatabase } from './benchStorage.js';
import { formatTable, ms, percentiles, type Latency } from './benchStats.js';
import { runBench, type Cleanup } from './benchRun.js';

const { values: args } = parseBenchArgs(
  {
    jobs: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    idle: { type: 'string', default: '200' },
  },
  'npm run bench:jobs [-- --jobs 10000 --concurrency 4 --batch 100 --idle 200]\n\n  --jobs         small jobs to enqueue (10000)\n  --concurrency  workers of the engine (4)\n  --batch        jobs enqueued per transaction (100)\n  --idle         jobs run one at a time against an idle queue (200)\n  --help         print this and exit\n\nFigures: docs/runbook.md, "Jobs".',
);
const JOBS = Number(args.jobs);
const CONCURRENCY = Number(args.concurrency);
const BATCH = Number(args.batch);
const IDLE = Number(args.idle);
const cleanups: Cleanup[] = [];

const smallJob = defineJobKind({
  name: 'bench.small',
  title: 'Bench: one round trip',
  params: z.strictObject({ n: z.number().int() }),
  timeoutMs: 60_000,
  retry: 'none',
  resumable: false,
  async run({ db, params, log }) {
    await sql`select 1`.execute(db);
    await log(`job ${params.n}`);
    return null;
  },
});

interface Figures {
  label: string;
  enqueuePerSecond: number;
  throughput: number;
  latency: Latency;
  idleLatency: Latency;
  failed: number;
}

async function measure(label: string, url: string): Promise<Figures> {
  const db = createDatabase(url, { max: CONCURRENCY + 4 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  const engine = await startJobEngine({ db, connectionString: url, logger: createLogger('warn'), kinds: [smallJob], concurrency: CONCURRENCY });
  cleanups.push(() => engine.stop());

  const started = performance.now();
  for (let first = 0; first < JOBS; first += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (let n = first; n < Math.min(JOBS, first + BATCH); n++) await enqueueJob(trx, smallJob, { n }, { startedBy: null });
    });
  }
  const enqueued = performance.now();
  // Polled from outside, as an operator would watch the queue drain.
  for (;;) {
    const { rows } = await sql<{ left: number }>`select count(*)::int as left from ops.jobs where status in ('queued', 'running')`.execute(db);
    if (rows[0]!.left === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { rows } = await sql<{ waitMs: number; status: string }>`
    select extract(epoch from (started_at - queued_at)) * 1000 as wait_ms, status from ops.jobs`.execute(db);
  const { rows: span } = await sql<{ seconds: number }>`select extract(epoch from (max(finished_at) - min(queued_at)))::float8 as seconds from ops.jobs`.execute(db);
  const idleWaits: number[] = [];
  for (let n = 0; n < IDLE; n++) {
    const job = await db.transaction().execute((trx) => enqueueJob(trx, smallJob, { n: JOBS + n }, { startedBy: null }));
    for (;;) {
      const row = await db.selectFrom('ops.jobs').select(['status', sql<number>`extract(epoch from (started_at - queued_at)) * 1000`.as('waitMs')]).where('id', '=', job.id).executeTakeFirstOrThrow();
      if (row.status === 'succeeded' || row.status === 'failed') {
        idleWaits.push(Number(row.waitMs));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return {
    label,
    idleLatency: percentiles(idleWaits),
    enqueuePerSecond: JOBS / ((enqueued - started) / 1000),
    throughput: JOBS / span[0]!.seconds,
    latency: percentiles(rows.map((row) => Number(row.waitMs))),
    failed: rows.filter((row) => row.status !== 'succeeded').length,
  };
}

async function main() {
  if (![JOBS, CONCURRENCY, BATCH, IDLE].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--jobs, --concurrency, --batch and --idle are positive whole numbers');
  console.log(`bench:jobs — ${JOBS} small jobs as a burst (${BATCH} per transaction), then ${IDLE} one at a time; engine concurrency ${CONCURRENCY}; ${os.cpus().length} CPUs, Node ${process.version}`);
  const targets: { name: string; adminUrl: string | undefined }[] = [{ name: 'embedded', adminUrl: undefined }];
  if (process.env.DATABASE_URL) targets.push({ name: 'DATABASE_URL', adminUrl: process.env.DATABASE_URL });
  const results: Figures[] = [];
  for (const target of targets) {
    const database = await openBenchDatabase(target.adminUrl);
    cleanups.push(() => database.drop());
    console.log(`\n${target.name}: ${database.label}`);
    results.push(await measure(target.name, database.url));
    // Stop this engine and drop its database before the next target starts.
    while (cleanups.length) await cleanups.pop()!();
  }
  console.log(
    `\n${formatTable(
      ['database', 'enqueue/s', 'jobs/s', 'burst wait p50 ms', 'p95', 'p99', 'idle wait p50 ms', 'p95', 'not succeeded'],
      results.map((r) => [r.label, r.enqueuePerSecond.toFixed(0), r.throughput.toFixed(0), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.idleLatency.p50), ms(r.idleLatency.p95), r.failed]),
    )}`,
  );
  if (results.some((r) => r.failed > 0)) throw new Error('some jobs did not succeed');
}

await runBench('jobs bench', cleanups, main);

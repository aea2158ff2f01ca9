/**
 * npm run bench:slo [-- --services 20 --days 30 --two-instances 2 --iterations 40 --naive-iterations 10 --keep]
 *
 * Golden signals and SLOs at a month of data (docs/observability.md, "Benchmark"). Builds
 * its own database (a new one on DATABASE_URL's server, else an embedded PostgreSQL in
 * a fresh folder, see benchStorage.ts), runs the real migrations, generates `--days` of
 * one-minute samples for `--services` services with their hourly rows (sloBenchData.ts),
 * stores two SLOs per service, then times, against the named baseline "minute rows only"
 * (sloNaive.ts):
 * - the Signals page's reads as its router makes them (builtinSignalSource: `query` for
 *   each range, `listServices`; findSignalTableSize), target ≤ 200 ms p95 each;
 * - one full SLO evaluation pass (evaluateAllSlos), target ≤ 2 s p95;
 * and prints what the samples cost on disk per day.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { SIGNAL_RANGE_NAMES } from '@opsdesk/shared';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { builtinSignalSource } from '../features/signals/builtinSignalSource.js';
import { findSignalTableSize } from '../features/signals/signalSamples.queries.js';
import { evaluateAllSlos } from '../features/slo/sloEvaluation.js';
import { parseBenchArgs } from './benchArgs.js';
import { openBenchDatabase } from './benchStorage.js';
import { runBench, type Cleanup } from './benchRun.js';
import { formatTable, ms, percentiles, timeEach, type Latency } from './benchStats.js';
import { benchServiceName, generateSignalSamples } from './sloBenchData.js';
import { firstEvaluationPass } from './sloBenchEvaluation.js';
import { benchSlos, insertBenchSlos } from './sloBenchSlos.js';
import { measureSignalStorage, printSignalStorage } from './sloBenchStorage.js';
import { naiveSignalQuery, naiveSloCounts } from './sloNaive.js';

const { values: args } = parseBenchArgs(
  {
    services: { type: 'string', default: '20' },
    days: { type: 'string', default: '30' },
    'two-instances': { type: 'string', default: '2' },
    iterations: { type: 'string', default: '40' },
    'naive-iterations': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
  [
    'npm run bench:slo [-- --services 20 --days 30 --two-instances 2 --iterations 40 --naive-iterations 10 --keep]',
    '',
    '  --services          services with one-minute samples (20)',
    '  --days              days of samples per service (30)',
    '  --two-instances     services written by two instances (2)',
    '  --iterations        timed repetitions of each page query and evaluation pass (40)',
    '  --naive-iterations  repetitions of the "minute rows only" baseline (10)',
    '  --keep              keep the bench database afterwards',
    '  --help              print this and exit',
    '',
    'Figures: docs/observability.md, "Benchmark".',
  ].join('\n'),
);
const SERVICES = Number(args.services);
const DAYS = Number(args.days);
const TWO_INSTANCES = Number(args['two-instances']);
const ITERATIONS = Number(args.iterations);
const NAIVE_ITERATIONS = Number(args['naive-iterations']);
const WARM_UP = 5;
const PAGE_TARGET_MS = 200;
const PASS_TARGET_MS = 2000;
const cleanups: Cleanup[] = [];
const log = (message: string) => console.log(message);

/** Times `run` over `count` iterations after a warm-up; `input(i)` varies the service asked for. */
async function measure<T>(count: number, input: (i: number) => T, run: (x: T) => Promise<unknown>): Promise<Latency> {
  await timeEach(Array.from({ length: Math.min(WARM_UP, count) }, (_, i) => input(i)), run);
  return percentiles(await timeEach(Array.from({ length: count }, (_, i) => input(i)), run));
}

const verdict = (latency: Latency, targetMs: number) => (latency.p95 <= targetMs ? 'ok' : 'OVER');
const ratio = (naive: Latency | null, real: Latency) => (naive ? `${(naive.p95 / real.p95).toFixed(1)}×` : '-');

async function main() {
  if (![SERVICES, DAYS, ITERATIONS, NAIVE_ITERATIONS].every((n) => Number.isInteger(n) && n > 0) || !(TWO_INSTANCES >= 0 && TWO_INSTANCES <= SERVICES)) {
    throw new Error('--services, --days, --iterations and --naive-iterations are positive whole numbers; --two-instances at most --services');
  }
  const started = performance.now();
  log(`bench:slo — ${DAYS} days of one-minute samples for ${SERVICES} services (${TWO_INSTANCES} with two instances); ${ITERATIONS} timed iterations per query (baseline ${NAIVE_ITERATIONS})`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const database = await openBenchDatabase(process.env.DATABASE_URL);
  cleanups.push(() => (args.keep ? (log(`Kept database: ${database.url}`), Promise.resolve()) : database.drop()));
  log(`Database: ${database.label}`);
  const db = createDatabase(database.url, { max: 4 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);

  // The newest sample is the minute before now: the page and the evaluation read "now".
  const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  log('Generating samples:');
  const generated = await generateSignalSamples(db, { services: SERVICES, twoInstances: TWO_INSTANCES, days: DAYS, end }, log);
  log(`Generated ${generated.minuteRows.toLocaleString('en')} minute rows and ${generated.hourRows.toLocaleString('en')} hourly rows in ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
  const slos = benchSlos(SERVICES);
  await insertBenchSlos(db, slos);

  const source = builtinSignalSource(db);
  const service = (i: number) => benchServiceName(1 + (i % SERVICES));
  const rows: (string | number)[][] = [];
  for (const range of SIGNAL_RANGE_NAMES) {
    const real = await measure(ITERATIONS, service, (name) => source.query({ service: name, range }, end));
    const naive = await measure(NAIVE_ITERATIONS, service, (name) => naiveSignalQuery(db, name, range, end));
    rows.push([`query ${range}`, real.n, ms(real.p50), ms(real.p95), verdict(real, PAGE_TARGET_MS), naive.n, ms(naive.p50), ms(naive.p95), ratio(naive, real)]);
  }
  const services = await measure(ITERATIONS, () => null, () => source.listServices());
  rows.push(['listServices', services.n, ms(services.p50), ms(services.p95), verdict(services, PAGE_TARGET_MS), '-', '-', '-', '-']);
  const storage = await measure(ITERATIONS, () => null, () => findSignalTableSize(db));
  rows.push(['storage', storage.n, ms(storage.p50), ms(storage.p95), verdict(storage, PAGE_TARGET_MS), '-', '-', '-', '-']);

  const naivePass = await measure(NAIVE_ITERATIONS, () => null, async () => {
    for (const slo of slos) await naiveSloCounts(db, slo, end);
  });
  const pass = await measureEvaluation(end);
  // The bench's two per service, and the two the migration seeds for Opsdesk itself (no samples here).
  const storedSlos = (await sql<{ count: number }>`select count(*)::int as count from ops.slos`.execute(db)).rows[0]!.count;
  rows.push([
    `SLO evaluation pass (${storedSlos} SLOs)`,
    pass?.n ?? '-', pass ? ms(pass.p50) : 'not available', pass ? ms(pass.p95) : '-', pass ? verdict(pass, PASS_TARGET_MS) : '-',
    naivePass.n, ms(naivePass.p50), ms(naivePass.p95), pass ? ratio(naivePass, pass) : '-',
  ]);

  log(formatTable(['read', 'n', 'p50 ms', 'p95 ms', 'target', 'baseline n', 'baseline p50', 'baseline p95', 'p95 ratio'], rows));
  log(`\ntargets: ≤ ${PAGE_TARGET_MS} ms p95 per page read, ≤ ${PASS_TARGET_MS} ms p95 per evaluation pass (after ${WARM_UP} warm-up runs each).`);
  log('baseline "minute rows only": the same ranges, steps and SLO windows summed from minute rows alone (no hourly rows); for the SLOs, counts only (one query per SLO), not the status writes.\n');
  printSignalStorage(await measureSignalStorage(db, { services: SERVICES, days: DAYS, series: SERVICES + TWO_INSTANCES }), log);
  log(`\nTotal run ${((performance.now() - started) / 1000).toFixed(0)} s; load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);

  async function measureEvaluation(now: Date): Promise<Latency | null> {
    try {
      await firstEvaluationPass(db, slos, now, log);
    } catch (error) {
      log(`SLO evaluation pass not measured: ${(error as Error).message}`);
      return null;
    }
    // At the newest sample each time: every pass reads the same windows and writes every status (states settled after the first).
    return measure(ITERATIONS, () => now, (at) => evaluateAllSlos(db, at));
  }
}

await runBench('SLO bench', cleanups, main);

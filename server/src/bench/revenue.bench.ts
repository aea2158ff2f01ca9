/**
 * npm run bench:revenue [-- --subscriptions 200000 --iterations 30 --naive-iterations 2 --refreshes 200 --keep]
 *
 * Builds its own database (DATABASE_URL's server, else an embedded PostgreSQL in a fresh
 * folder, see benchStorage.ts), generates a company with 24 months of subscription
 * history (revenueBenchData.ts), runs the rebuild, then times each dashboard query on
 * the rollups against the naive way (the engine over the whole history per request,
 * revenueNaive.ts), and the incremental refresh per webhook event: one new state per
 * customer, refreshed with one refreshRevenueForCustomers call per batch of events as
 * the webhook batch does (ms per event): renewals (no revenue change) in batches of 1
 * and 100, then seat changes in batches of 1, 10, 100 and 1000 (the inbox worker's
 * largest batch).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { findRevenueOverview, findRevenueSeries } from '../features/revenue/revenue.service.js';
import { findCohorts } from '../features/revenue/revenueCohorts.queries.js';
import { findDrillDownPage } from '../features/revenue/revenueDrillDown.queries.js';
import { findPlanMix } from '../features/revenue/revenueMix.queries.js';
import { rebuildRevenue } from '../features/revenue/revenueRebuild.js';
import { runBench, type Cleanup } from './benchRun.js';
import { formatTable, ms, percentiles, timeEach, type Latency } from './benchStats.js';
import { openBenchDatabase } from './benchStorage.js';
import { BENCH_END, generateRevenueCompany } from './revenueBenchData.js';
import { naiveCohorts, naiveDrillDown, naiveSeries } from './revenueNaive.js';
import { perEventFigures, timeRefreshes } from './revenueRefreshTiming.js';

const { values: args } = parseArgs({
  options: {
    subscriptions: { type: 'string', default: '200000' },
    iterations: { type: 'string', default: '30' },
    'naive-iterations': { type: 'string', default: '2' },
    refreshes: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const SUBSCRIPTIONS = Number(args.subscriptions);
const ITERATIONS = Number(args.iterations);
const NAIVE_ITERATIONS = Number(args['naive-iterations']);
const REFRESHES = Number(args.refreshes);
const SETTINGS = { currency: 'usd', pastDueChurnDays: 30 };
const FROM = '2024-01-01';
const RENEWAL_DAY = '2025-12-30';
const log = (message: string) => console.log(message);
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const cleanups: Cleanup[] = [];

async function main() {
  const started = performance.now();
  log(`Opsdesk revenue benchmark: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions, 24 months; ${ITERATIONS} iterations per query (naive: ${NAIVE_ITERATIONS}); load average ${load()}`);
  const database = await openBenchDatabase(process.env.DATABASE_URL);
  if (!args.keep) cleanups.push(() => database.drop());
  log(`Database: ${database.label}`);
  const db = createDatabase(database.url, { max: 4, acquireTimeoutMs: 0 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);

  let phase = performance.now();
  const company = await generateRevenueCompany(db, SUBSCRIPTIONS);
  log(`Generated ${company.customers.toLocaleString('en')} customers, ${company.historyRows.toLocaleString('en')} history rows in ${seconds(phase)}`);
  phase = performance.now();
  const rebuilt = await rebuildRevenue(db, { settings: SETTINGS });
  // What autovacuum does soon after a rebuild: the visibility map lets the covering indexes answer alone.
  await sql`vacuum analyze revenue.movements, revenue.customer_mrr_changes, revenue.customer_dimensions, revenue.daily_rollups, revenue.cohort_rollups, revenue.retention_rollups`.execute(db);
  const { rows: counts } = await sql<{ movements: string; changes: string; rollups: string }>`
    select (select count(*) from revenue.movements) as movements, (select count(*) from revenue.customer_mrr_changes) as changes,
      (select count(*) from revenue.daily_rollups) + (select count(*) from revenue.cohort_rollups) + (select count(*) from revenue.retention_rollups) as rollups`.execute(db);
  const count = (value: string) => Number(value).toLocaleString('en');
  log(`Rebuilt ${rebuilt.customers.toLocaleString('en')} customers × 4 policies in ${seconds(phase)}: ${count(counts[0]!.movements)} movements, ${count(counts[0]!.changes)} change points, ${count(counts[0]!.rollups)} rollup rows\n`);

  const { rows: months } = await sql<{ month: string }>`select to_char(d, 'YYYY-MM-DD') as month from generate_series(${FROM}::date, ${BENCH_END}::date, interval '1 month') d`.execute(db);
  const pick = () => months[Math.floor(Math.random() * months.length)]!.month;
  const monthEnd = (first: string) => new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const range = { policy: 'stripe' as const, from: FROM, to: BENCH_END, filter: {} };
  const queries: Array<{ label: string; fast: () => Promise<unknown>; naive?: () => Promise<unknown> }> = [
    { label: 'headline cards', fast: () => findRevenueOverview(db, { policy: 'stripe', to: monthEnd(pick()), filter: {} }), naive: () => naiveSeries(db, SETTINGS, { from: '2025-06-01', to: BENCH_END, interval: 'month' }) },
    { label: '24-month MRR series', fast: () => findRevenueSeries(db, { ...range, interval: 'month' }, { retention: false }), naive: () => naiveSeries(db, SETTINGS, { ...range, interval: 'month' }) },
    { label: 'movements series (weeks)', fast: () => findRevenueSeries(db, { ...range, interval: 'week' }, { retention: false }), naive: () => naiveSeries(db, SETTINGS, { ...range, interval: 'week' }) },
    { label: 'monthly series + NRR/GRR', fast: () => findRevenueSeries(db, { ...range, interval: 'month' }), naive: () => naiveSeries(db, SETTINGS, { ...range, interval: 'month' }) },
    { label: 'monthly series, one plan', fast: () => findRevenueSeries(db, { ...range, interval: 'month', filter: { plan: 'Team' } }) },
    { label: 'daily series (90 days)', fast: () => findRevenueSeries(db, { ...range, from: '2025-10-03', interval: 'day' }) },
    { label: 'cohort triangle', fast: () => findCohorts(db, range), naive: () => naiveCohorts(db, SETTINGS, BENCH_END) },
    { label: 'plan mix', fast: () => findPlanMix(db, range) },
    {
      label: 'drill-down page (churn, 50)',
      fast: () => ((month) => findDrillDownPage(db, { ...range, from: month, to: monthEnd(month), kind: 'churn', limit: 50 }))(pick()),
      naive: () => ((month) => naiveDrillDown(db, SETTINGS, { from: month, to: monthEnd(month) }, 'churn', 50))(pick()),
    },
  ];
  const rows: (string | number)[][] = [];
  for (const query of queries) {
    await timeEach([1, 2, 3], () => query.fast()); // warm-up
    const fast = percentiles(await timeEach(Array.from({ length: ITERATIONS }, (_, i) => i), () => query.fast()));
    const naive = query.naive ? percentiles(await timeEach(Array.from({ length: NAIVE_ITERATIONS }, (_, i) => i), query.naive)) : null;
    rows.push(row(query.label, fast, naive));
  }
  log(formatTable(['dashboard query', 'n', 'p50 ms', 'p95 ms', 'naive n', 'naive p50', 'naive p95', 'p95 ratio'], rows));
  log('naive: the whole subscription history read and replayed through the engine per request (what a dashboard without precomputed rows does).');

  log('');
  // A renewal first (the day before the seat changes, so no seat change is on its day): the event most subscriptions send, which changes no revenue.
  for (const batchSize of [1, 100]) {
    const times = await timeRefreshes(db, { batchSize, batches: Math.max(10, Math.ceil(REFRESHES / batchSize)), warmUp: 3, day: RENEWAL_DAY, change: 'renewal' });
    log(`Incremental refresh, renewal (no revenue change), batches of ${String(batchSize).padStart(4)} events: ${perEventFigures(times)}`);
  }
  // 1000: the inbox worker's largest batch (DEFAULT_BATCH_SIZE; a pass takes every due event, at most every 250 ms).
  for (const batchSize of [1, 10, 100, 1000]) {
    const times = await timeRefreshes(db, { batchSize, batches: Math.max(10, Math.ceil(REFRESHES / batchSize)), warmUp: 3, day: BENCH_END });
    log(`Incremental refresh, a seat added, batches of ${String(batchSize).padStart(4)} events (one refreshRevenueForCustomers call per batch, 4 policies + rollups): ${perEventFigures(times)}`);
  }
  log(`Total run ${seconds(started)}; load average ${load()}.${args.keep ? ` Kept database: ${database.url}` : ''}`);
}

function row(label: string, fast: Latency, naive: Latency | null): (string | number)[] {
  if (!naive) return [label, fast.n, ms(fast.p50), ms(fast.p95), '-', '-', '-', '-'];
  return [label, fast.n, ms(fast.p50), ms(fast.p95), naive.n, ms(naive.p50), ms(naive.p95), `${(naive.p95 / fast.p95).toFixed(0)}×`];
}

await runBench('bench:revenue', cleanups, main);

/**
 * npm run bench:revenue [-- --subscriptions 200000 --iterations 30 --naive-iterations 2 --refreshes 200 --keep]
 *
 * Builds its own database (DATABASE_URL's server, else an embedded PostgreSQL in a fresh
 * folder, see benchStorage.ts), generates a company with 24 months of subscription
 * history (revenueBenchData.ts), runs the rebuild, then times each dashboard query on
 * the precomputed rows against the naive way (the engine over the whole history per
 * request, revenueNaive.ts), and the incremental refresh per webhook event.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { findRevenueOverview, findRevenueSeries } from '../features/revenue/revenue.service.js';
import { findCohorts } from '../features/revenue/revenueCohorts.queries.js';
import { findDrillDownPage } from '../features/revenue/revenueDrillDown.queries.js';
import { refreshCustomerRevenue } from '../features/revenue/refreshCustomerRevenue.js';
import { rebuildRevenue } from '../features/revenue/revenueRebuild.js';
import { runBench, type Cleanup } from './benchRun.js';
import { formatTable, ms, percentiles, timeEach, type Latency } from './benchStats.js';
import { openBenchDatabase } from './benchStorage.js';
import { BENCH_END, generateRevenueCompany } from './revenueBenchData.js';
import { naiveCohorts, naiveDrillDown, naiveSeries } from './revenueNaive.js';

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
const log = (message: string) => console.log(message);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const cleanups: Cleanup[] = [];

async function main() {
  const started = performance.now();
  log(`Opsdesk revenue benchmark: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions, 24 months; ${ITERATIONS} iterations per query (naive: ${NAIVE_ITERATIONS})`);
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
  const rebuilt = await rebuildRevenue(db, { settings: SETTINGS, batchSize: 1000 });
  // What autovacuum does soon after a rebuild: the visibility map lets the covering indexes answer alone.
  await sql`vacuum analyze revenue.movements, revenue.customer_mrr_changes, revenue.customer_dimensions`.execute(db);
  const { rows: counts } = await sql<{ movements: string; changes: string }>`
    select (select count(*) from revenue.movements) as movements, (select count(*) from revenue.customer_mrr_changes) as changes`.execute(db);
  log(`Rebuilt ${rebuilt.customers.toLocaleString('en')} customers × 4 policies in ${seconds(phase)}: ${Number(counts[0]!.movements).toLocaleString('en')} movements, ${Number(counts[0]!.changes).toLocaleString('en')} change points\n`);

  const { rows: months } = await sql<{ month: string }>`select to_char(d, 'YYYY-MM-DD') as month from generate_series(${FROM}::date, ${BENCH_END}::date, interval '1 month') d`.execute(db);
  const pick = () => months[Math.floor(Math.random() * months.length)]!.month;
  const monthEnd = (first: string) => new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const range = { policy: 'stripe' as const, from: FROM, to: BENCH_END, filter: {} };
  const queries: Array<{ label: string; fast: () => Promise<unknown>; naive: () => Promise<unknown> }> = [
    { label: 'headline cards', fast: () => findRevenueOverview(db, { policy: 'stripe', to: monthEnd(pick()), filter: {} }), naive: () => naiveSeries(db, SETTINGS, { from: '2025-06-01', to: BENCH_END, interval: 'month' }) },
    { label: '24-month MRR series', fast: () => findRevenueSeries(db, { ...range, interval: 'month' }, { retention: false }), naive: () => naiveSeries(db, SETTINGS, { ...range, interval: 'month' }) },
    { label: 'movements series (weeks)', fast: () => findRevenueSeries(db, { ...range, interval: 'week' }, { retention: false }), naive: () => naiveSeries(db, SETTINGS, { ...range, interval: 'week' }) },
    { label: 'monthly series + NRR/GRR', fast: () => findRevenueSeries(db, { ...range, interval: 'month' }), naive: () => naiveSeries(db, SETTINGS, { ...range, interval: 'month' }) },
    { label: 'cohort triangle', fast: () => findCohorts(db, range), naive: () => naiveCohorts(db, SETTINGS, BENCH_END) },
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
    const naive = percentiles(await timeEach(Array.from({ length: NAIVE_ITERATIONS }, (_, i) => i), () => query.naive()));
    rows.push(row(query.label, fast, naive));
  }
  log(formatTable(['dashboard query', 'n', 'p50 ms', 'p95 ms', 'naive n', 'naive p50', 'naive p95', 'p95 ratio'], rows));
  log('naive: the whole subscription history read and replayed through the engine per request (what a dashboard without precomputed rows does).');

  const { rows: targets } = await sql<{ customerId: string }>`select customer_id from revenue.customer_dimensions order by random() limit ${REFRESHES}`.execute(db);
  let event = 0;
  const refreshTimes: number[] = [];
  for (const { customerId } of targets) {
    await db.transaction().execute(async (trx) => {
      await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, items, coupon_ids)
        select subscription_id, customer_id, ${BENCH_END}::timestamptz, 'event', ${`evt_bench_refresh_${event++}`}, status, false,
          jsonb_set(items, '{0,quantity}', to_jsonb(coalesce((items -> 0 ->> 'quantity')::int, 1) + 1)), coupon_ids
        from billing.subscription_history where customer_id = ${customerId} order by effective_at desc limit 1`.execute(trx);
      const begun = performance.now();
      await refreshCustomerRevenue(trx, customerId);
      refreshTimes.push(performance.now() - begun);
    });
  }
  const refresh = percentiles(refreshTimes.slice(10));
  log(`\nIncremental refresh per webhook event (refreshCustomerRevenue: one customer, 4 policies, in the event's transaction): p50 ${ms(refresh.p50)} ms, p95 ${ms(refresh.p95)} ms (n=${refresh.n})`);
  log(`Total run ${seconds(started)}.${args.keep ? ` Kept database: ${database.url}` : ''}`);
}

function row(label: string, fast: Latency, naive: Latency): (string | number)[] {
  return [label, fast.n, ms(fast.p50), ms(fast.p95), naive.n, ms(naive.p50), ms(naive.p95), `${(naive.p95 / fast.p95).toFixed(0)}×`];
}

await runBench('bench:revenue', cleanups, main);

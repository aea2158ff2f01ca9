/**
 * npx tsx src/bench/revenueRefresh.bench.ts -- --url <database kept by `bench:revenue -- --keep`>
 *   [--refreshes 200] [--sizes 1,10,100] [--rounds 3] [--change seat|renewal] [--day 2025-12-31]
 *
 * Only the incremental refresh's timing (revenueRefreshTiming.ts), on a database the full
 * bench generated and kept, so a change to the refresh can be measured in a minute
 * instead of a whole generation and rebuild. Each round runs every batch size once;
 * the figures printed are each round's p50 / p95 ms per event and their medians (the
 * machine is shared: one round is one sample of its load).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { runBench, type Cleanup } from './benchRun.js';
import { ms, percentiles } from './benchStats.js';
import { BENCH_END } from './revenueBenchData.js';
import { perEventFigures, timeRefreshes } from './revenueRefreshTiming.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    refreshes: { type: 'string', default: '200' },
    sizes: { type: 'string', default: '1,10,100' },
    rounds: { type: 'string', default: '3' },
    change: { type: 'string', default: 'seat' },
    day: { type: 'string', default: BENCH_END },
  },
});
const cleanups: Cleanup[] = [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

async function main() {
  if (!args.url) throw new Error('--url: the database a `bench:revenue -- --keep` run left');
  const db = createDatabase(args.url, { max: 4, acquireTimeoutMs: 0 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  const sizes = args.sizes!.split(',').map(Number);
  const results = new Map(sizes.map((size) => [size, { p50: [] as number[], p95: [] as number[], cpu50: [] as number[], cpu95: [] as number[] }]));
  for (let round = 1; round <= Number(args.rounds); round++) {
    for (const batchSize of sizes) {
      const times = await timeRefreshes(db, { batchSize, batches: Math.max(10, Math.ceil(Number(args.refreshes) / batchSize)), warmUp: 3, day: args.day!, change: args.change === 'renewal' ? 'renewal' : 'seat' });
      const perEvent = percentiles(times.wall);
      const cpu = percentiles(times.cpu);
      const result = results.get(batchSize)!;
      result.p50.push(perEvent.p50);
      result.p95.push(perEvent.p95);
      result.cpu50.push(cpu.p50);
      result.cpu95.push(cpu.p95);
      console.log(`round ${round}, batches of ${String(batchSize).padStart(3)}: ${perEventFigures(times)}; load ${loadavg()[0]!.toFixed(1)}`);
    }
  }
  for (const [batchSize, { p50, p95, cpu50, cpu95 }] of results) {
    console.log(`median of ${p50.length} rounds, batches of ${String(batchSize).padStart(3)}: per event p50 ${ms(median(p50))} ms, p95 ${ms(median(p95))} ms; CPU p50 ${ms(median(cpu50))} ms, p95 ${ms(median(cpu95))} ms`);
  }
}

await runBench('bench:revenue refresh', cleanups, main);

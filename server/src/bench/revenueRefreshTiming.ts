import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { ms, percentiles } from './benchStats.js';
import { refreshRevenueForCustomers } from '../features/revenue/refreshCustomerRevenue.js';

/**
 * The incremental cost per webhook event, as the webhook batch pays it: in one
 * transaction, one new subscription state for each of `batchSize` customers, then one
 * refreshRevenueForCustomers call for all of them. `change`: `seat` (default) adds a
 * seat on `day`, so their MRR moves; `renewal` records their latest state again on
 * `day` with the period a month further (what a renewal's `customer.subscription.updated`
 * records: no revenue changes). Returns, per batch, the refresh's time divided by the
 * events in it (ms), and the CPU it used (ms per event: the PostgreSQL backend's, read
 * from /proc when the server runs on this machine, plus this process's): on a shared
 * machine the wall time mostly measures the other sessions' load, the CPU time is what
 * the refresh itself costs, close to its wall time on an idle machine. The first
 * `warmUp` batches are left out. Customers are drawn at random, each once.
 */
let nextEvent = 0;
/** Event ids unique across runs too, so a kept database (`--keep`) can be timed again. */
const RUN = randomBytes(4).toString('hex');

export interface RefreshTimes {
  wall: number[];
  /** NaN per batch when the backend's CPU cannot be read (a server on another machine). */
  cpu: number[];
}

export interface TimingOptions {
  batchSize: number;
  batches: number;
  warmUp: number;
  day: string;
  change?: 'seat' | 'renewal';
  /** Another implementation to time against (an A/B run on one kept database); the real one by default. */
  refresh?: (trx: Trx, customerIds: readonly string[]) => Promise<void>;
}

export async function timeRefreshes(db: Db, options: TimingOptions): Promise<RefreshTimes> {
  const refresh = options.refresh ?? refreshRevenueForCustomers;
  const { rows } = await sql<{ customerId: string }>`
    select customer_id from revenue.customer_dimensions order by random() limit ${options.batchSize * (options.batches + options.warmUp)}`.execute(db);
  const times: RefreshTimes = { wall: [], cpu: [] };
  for (let batch = 0; batch * options.batchSize < rows.length; batch++) {
    const customerIds = rows.slice(batch * options.batchSize, (batch + 1) * options.batchSize).map((r) => r.customerId);
    await db.transaction().execute(async (trx) => {
      const renewal = options.change === 'renewal';
      await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, current_period_end, items, coupon_ids)
        select distinct on (customer_id) subscription_id, customer_id, ${options.day}::timestamptz, 'event', 'evt_bench_refresh_' || ${RUN} || '_' || (${nextEvent} + row_number() over ()), status, false,
          case when ${renewal}::boolean then coalesce(current_period_end, ${options.day}::timestamptz) + interval '1 month' end,
          case when ${renewal}::boolean then items else jsonb_set(items, '{0,quantity}', to_jsonb(coalesce((items -> 0 ->> 'quantity')::int, 1) + 1)) end, coupon_ids
        from billing.subscription_history where customer_id = any(${customerIds}::text[]) and effective_at <= ${options.day}::timestamptz
        order by customer_id, effective_at desc`.execute(trx);
      nextEvent += customerIds.length;
      const backend = await backendPid(trx);
      const cpuBefore = backendCpuMs(backend);
      const nodeBefore = process.cpuUsage();
      const started = performance.now();
      await refresh(trx, customerIds);
      const wall = performance.now() - started;
      const node = process.cpuUsage(nodeBefore);
      const cpu = backendCpuMs(backend) - cpuBefore + (node.user + node.system) / 1000;
      if (batch >= options.warmUp) {
        times.wall.push(wall / customerIds.length);
        times.cpu.push(cpu / customerIds.length);
      }
    });
  }
  return times;
}

async function backendPid(trx: Trx): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  return rows[0]!.pid;
}

/** A process's time on a CPU so far (ns in /proc/<pid>/schedstat), in ms; NaN when it is not on this machine. */
export function backendCpuMs(pid: number): number {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres')) return NaN;
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/** `per event p50 … ms, p95 … ms (n=… batches); CPU p50 … ms, p95 … ms` */
export function perEventFigures(times: RefreshTimes): string {
  const wall = percentiles(times.wall);
  const cpu = percentiles(times.cpu);
  return `per event p50 ${ms(wall.p50)} ms, p95 ${ms(wall.p95)} ms (n=${wall.n} batches); CPU (PostgreSQL backend + node) p50 ${ms(cpu.p50)} ms, p95 ${ms(cpu.p95)} ms`;
}

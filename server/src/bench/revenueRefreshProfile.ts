/**
 * npx tsx src/bench/revenueRefreshProfile.ts -- --url <kept bench database> [--size 1000] [--rounds 3] [--change seat|renewal] [--explain]
 *
 * Where one refreshRevenueForCustomers call spends its time, phase by phase (the read:
 * lock, settings, history and stored rows; the engine with the comparison; the write when any
 * customer changed), wall time and CPU (Node's and the backend's), on a kept bench
 * database; each round's transaction is rolled back, so rounds can be repeated on the
 * same database. `--explain` prints the
 * write's plan with actual times (auto_explain at NOTICE level, nested statements: the
 * plan the cached function really runs).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { REVENUE_POLICY_NAMES } from '@opsdesk/shared';
import type { Database } from '../db/schema.js';
import { computeCustomerRevenue } from '../features/revenue/revenueCompute.js';
import { findRefreshInputs } from '../features/revenue/revenueRefreshInputs.queries.js';
import { sameAsStored } from '../features/revenue/revenueUnchanged.js';
import { installRevenueRoutines } from '../features/revenue/refreshCustomerRevenue.js';
import { writeCustomerRows } from '../features/revenue/revenueRows.queries.js';
import { BENCH_END } from './revenueBenchData.js';
import { backendCpuMs } from './revenueRefreshTiming.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    size: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    change: { type: 'string', default: 'seat' },
    explain: { type: 'boolean', default: false },
  },
});

class Rollback extends Error {}
if (!args.url) throw new Error('--url: the database a bench:revenue -- --keep run left');
const pool = new pg.Pool({ connectionString: String(args.url), max: 1 });
const notices: string[] = [];
pool.on('connect', (client) => client.on('notice', (n) => notices.push(n.message ?? "")));
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
const size = Number(args.size);
const renewal = args.change === 'renewal';
const day = renewal ? '2025-12-30' : BENCH_END;

// A database kept by an earlier version's bench gets this version's routines.
await installRevenueRoutines(db);

const cpuByPhase = new Map<string, number[]>();
for (let round = 1; round <= Number(args.rounds); round++) {
  const { rows } = await sql<{ customerId: string }>`select customer_id from revenue.customer_dimensions order by random() limit ${size}`.execute(db);
  const ids = rows.map((r) => r.customerId);
  const times: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const nodeCpu: Record<string, number> = {};
  let backend = 0;
  // Wall time measures the other sessions' load on a shared machine; CPU (this process's and the backend's) what the phase costs.
  const time = async <T>(label: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const backendBefore = backendCpuMs(backend);
    const nodeBefore = process.cpuUsage();
    const result = await run();
    times[label] = (times[label] ?? 0) + performance.now() - started;
    const node = process.cpuUsage(nodeBefore);
    nodeCpu[label] = (nodeCpu[label] ?? 0) + (node.user + node.system) / 1000;
    cpu[label] = (cpu[label] ?? 0) + (node.user + node.system) / 1000 + backendCpuMs(backend) - backendBefore;
    return result;
  };
  await db.transaction().execute(async (trx) => {
    await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, current_period_end, items, coupon_ids)
      select distinct on (customer_id) subscription_id, customer_id, ${day}::timestamptz, 'event', 'evt_profile_' || customer_id, status, false,
        case when ${renewal}::boolean then coalesce(current_period_end, ${day}::timestamptz) + interval '1 month' end,
        case when ${renewal}::boolean then items else jsonb_set(items, '{0,quantity}', to_jsonb(coalesce((items -> 0 ->> 'quantity')::int, 1) + 1)) end, coupon_ids
      from billing.subscription_history where customer_id = any(${ids}::text[]) and effective_at <= ${day}::timestamptz
      order by customer_id, effective_at desc`.execute(trx);
    if (args.explain && round === Number(args.rounds)) {
      await sql`load 'auto_explain'`.execute(trx);
      for (const [name, value] of [['log_min_duration', '0'], ['log_analyze', 'on'], ['log_nested_statements', 'on'], ['log_level', 'notice'], ['log_buffers', 'on'], ['log_timing', 'on']]) {
        await sql`select set_config(${`auto_explain.${name}`}, ${value}, true)`.execute(trx);
      }
    }
    backend = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
    const sorted = [...new Set(ids)].sort();
    const { settings, inputs } = await time('read', () => findRefreshInputs(trx, sorted, REVENUE_POLICY_NAMES));
    const changed = await time('engine', () => inputs.flatMap((input) => {
      const rows = computeCustomerRevenue(input.customerId, input.history, settings, REVENUE_POLICY_NAMES);
      return sameAsStored(rows, input.stored) ? [] : [{ id: input.customerId, rows }];
    }));
    const rows = { changes: changed.flatMap((c) => c.rows.changes), movements: changed.flatMap((c) => c.rows.movements), excluded: changed.flatMap((c) => c.rows.excluded), trials: changed.flatMap((c) => c.rows.trials) };
    if (changed.length > 0) await time('write', () => writeCustomerRows(trx, changed.map((c) => c.id), rows));
    throw new Rollback();
  }).catch((error) => { if (!(error instanceof Rollback)) throw error; });
  const total = Object.values(times).reduce((a, b) => a + b, 0);
  const nodeTotal = Object.values(nodeCpu).reduce((a, b) => a + b, 0);
  for (const [phase, value] of Object.entries({ ...cpu, total: Object.values(cpu).reduce((a, b) => a + b, 0), 'of it Node': nodeTotal })) cpuByPhase.set(phase, [...(cpuByPhase.get(phase) ?? []), value / size]);
  const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
  const phases = Object.entries(times).map(([k, v]) => `${k} ${v.toFixed(2)} (CPU ${cpu[k]!.toFixed(2)}, Node ${nodeCpu[k]!.toFixed(2)})`).join(', ');
  console.log(`round ${round} (${size} ${args.change}, load ${loadavg()[0]!.toFixed(1)}): ${phases} ms; total ${total.toFixed(2)} ms = ${(total / size).toFixed(2)} ms/event, CPU ${(cpuTotal / size).toFixed(2)} ms/event`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;
console.log(`CPU per event over ${args.rounds} rounds, p50 / p95: ${[...cpuByPhase].map(([phase, values]) => `${phase} ${median(values).toFixed(3)} / ${p95(values).toFixed(3)}`).join(', ')} ms`);
if (args.explain) console.log(notices.filter((n) => n.includes('revenue_') || n.includes('Query Text')).slice(-3).join('\n\n'));
await db.destroy();


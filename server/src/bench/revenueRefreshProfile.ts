/**
 * npx tsx src/bench/revenueRefreshProfile.ts -- --url <kept bench database> [--size 1000] [--rounds 3] [--change seat|renewal] [--explain]
 *
 * Where one refreshRevenueForCustomers call spends its time, phase by phase (lock,
 * history read, engine, write), on a kept bench database; each round's transaction is
 * rolled back, so rounds can be repeated on the same database. `--explain` prints the
 * write's plan with actual times (auto_explain at NOTICE level, nested statements: the
 * plan the cached function really runs).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { REVENUE_POLICY_NAMES } from '@opsdesk/shared';
import type { Database } from '../db/schema.js';
import { computeRows, refreshRevenueForCustomers } from '../features/revenue/refreshCustomerRevenue.js';
import { findHistoryOfCustomers } from '../features/revenue/revenueHistory.queries.js';
import { incrementalStatementNames, INCREMENTAL, lockRevenueWrites, replaceCustomerRowsCached } from '../features/revenue/revenueRows.queries.js';
import { BENCH_END } from './revenueBenchData.js';

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

// The write's function is created on the connection (max: 1) and committed once, as in a long-lived worker.
const { rows: first } = await sql<{ customerId: string }>`select customer_id from revenue.customer_dimensions limit 1`.execute(db);
await db.transaction().execute((trx) => refreshRevenueForCustomers(trx, first.map((r) => r.customerId)));

for (let round = 1; round <= Number(args.rounds); round++) {
  const { rows } = await sql<{ customerId: string }>`select customer_id from revenue.customer_dimensions order by random() limit ${size}`.execute(db);
  const ids = rows.map((r) => r.customerId);
  const times: Record<string, number> = {};
  const time = async <T>(label: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await run();
    times[label] = (times[label] ?? 0) + performance.now() - started;
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
    const sorted = [...new Set(ids)].sort();
    const context = await time('lock', () => lockRevenueWrites(trx, { cachedStatementNames: incrementalStatementNames(trx), withoutJit: true }));
    const history = await time('history', () => findHistoryOfCustomers(trx, sorted));
    const computed = await time('engine', () => computeRows(sorted, history, context.settings, REVENUE_POLICY_NAMES));
    await time('write', () => replaceCustomerRowsCached(trx, sorted, computed, { ...INCREMENTAL, hasProductSchema: context.hasProductSchema }, context.cached));
    throw new Rollback();
  }).catch((error) => { if (!(error instanceof Rollback)) throw error; });
  const total = Object.values(times).reduce((a, b) => a + b, 0);
  console.log(`round ${round} (${size} ${args.change}, load ${loadavg()[0]!.toFixed(1)}): ${Object.entries(times).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')} ms; total ${total.toFixed(1)} ms = ${(total / size).toFixed(2)} ms/event`);
}
if (args.explain) console.log(notices.filter((n) => n.includes('revenue_') || n.includes('Query Text')).slice(-3).join('\n\n'));
await db.destroy();


/**
 * npm run bench:lookup [-- --users 1000000 --iterations 200 --naive-iterations 10 --keep]
 *
 * Builds its own database (on DATABASE_URL's server, else an embedded PostgreSQL in a
 * fresh folder under the repository, see benchStorage.ts), runs
 * the real migrations and the reference product schema, generates the customers, then
 * times the universal lookup per kind of query (server-side: searchCustomers called
 * directly, hydration included) against the way generic admin tools search (ILIKE
 * '%q%' / similarity() over index-less copies of the same columns), and the customer
 * page of a customer with five years of monthly invoices.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadCustomerPage } from '../features/customers/customerPage.queries.js';
import { findCustomerTimeline } from '../features/customers/customerTimeline.queries.js';
import { migrateReferenceProductSchema } from '../features/demo/appSchema/migrateReferenceProductSchema.js';
import { searchCustomers } from '../features/lookup/lookup.service.js';
import { openBenchDatabase } from './benchStorage.js';
import { formatTable, ms, percentiles, timeEach, type Latency } from './benchStats.js';
import { generateCustomers } from './generateCustomers.js';
import { insertLongHistoryCustomer } from './longHistoryCustomer.js';
import { naiveSearch, createNaiveCopies, type NaiveKind } from './naiveSearch.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    iterations: { type: 'string', default: '200' },
    'naive-iterations': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const USERS = Number(args.users);
const ITERATIONS = Number(args.iterations);
const NAIVE_ITERATIONS = Number(args['naive-iterations']);
const log = (message: string) => console.log(message);

interface Sample {
  userId: string;
  email: string;
  name: string;
  customerId: string | null;
  last4: string | null;
}

interface Kind {
  label: string;
  naive: NaiveKind;
  /** The query support types for this sample, and the text the naive tool searches for. */
  query: (s: Sample) => { q: string; naiveQ: string } | null;
}

const KINDS: Kind[] = [
  { label: 'exact email', naive: 'email_ilike', query: (s) => ({ q: s.email, naiveQ: s.email }) },
  { label: 'prefix', naive: 'email_ilike', query: (s) => ((q) => ({ q, naiveQ: q }))(s.email.split('@')[0]!.slice(0, -2)) },
  { label: 'substring', naive: 'email_ilike', query: (s) => ((q) => ({ q, naiveQ: q }))(s.email.split('@')[0]!.slice(2)) },
  { label: 'misspelt', naive: 'email_similarity', query: (s) => ((q) => ({ q, naiveQ: q }))(misspell(s.email)) },
  { label: 'name', naive: 'name_ilike', query: (s) => ({ q: s.name, naiveQ: s.name }) },
  { label: 'cus_', naive: 'customer_id_ilike', query: (s) => (s.customerId ? { q: s.customerId, naiveQ: s.customerId } : null) },
  { label: 'last-4 (+ name)', naive: 'last4_ilike', query: (s) => (s.last4 ? { q: `${s.last4} ${s.name.split(' ')[1]!.toLowerCase()}`, naiveQ: s.last4 } : null) },
  { label: 'domain', naive: 'email_ilike', query: (s) => ((d) => ({ q: `@${d}`, naiveQ: `@${d}` }))(s.email.split('@')[1]!) },
];

/** Swaps two adjacent letters of the local part: "emma.smith12" → "emma.msith12". */
function misspell(email: string): string {
  const [local, domain] = email.split('@') as [string, string];
  const letters = [...local].map((c, i) => (/[a-z]/.test(c) && /[a-z]/.test(local[i + 1] ?? '') ? i : -1)).filter((i) => i >= 0);
  const i = letters[Math.floor(letters.length / 2)] ?? 0;
  return `${local.slice(0, i)}${local[i + 1]}${local[i]}${local.slice(i + 2)}@${domain}`;
}

async function pickSamples(db: Db, count: number): Promise<Sample[]> {
  // Every third sample pays, so cus_ and last-4 have enough samples.
  const picks = Array.from({ length: count }, (_, k) => {
    const i = 1 + Math.floor(Math.random() * (USERS - 1));
    return k % 3 === 0 ? i - (i % 10) + 1 : i;
  });
  const { rows } = await sql<Sample>`
    select u.id as user_id, u.email, u.name, w.stripe_customer_id as customer_id,
      (select c.card_last4 from billing.charges c where c.customer_id = w.stripe_customer_id limit 1) as last4
    from unnest(${picks}::int[]) as p(i)
    join app.users u on u.id = md5('user' || p.i)::uuid
    left join app.workspaces w on w.owner_user_id = u.id`.execute(db);
  return rows;
}

async function main() {
  const started = performance.now();
  log(`Opsdesk lookup benchmark: ${USERS.toLocaleString('en')} users, ${ITERATIONS} iterations per kind (naive: ${NAIVE_ITERATIONS})`);
  const database = await openBenchDatabase(process.env.DATABASE_URL);
  log(`Database: ${database.label}`);
  const db = createDatabase(database.url, { max: 4 });
  // One connection for the load, so its session settings (maintenance_work_mem) apply.
  const loader = createDatabase(database.url, { max: 1 });
  try {
    await migrateToLatest(db);
    await migrateReferenceProductSchema(db);
    log('Generating data:');
    await generateCustomers(loader, { users: USERS, deferIndexes: true, log });
    const longHistory = await insertLongHistoryCustomer(loader, 60);
    await createNaiveCopies(loader, log);
    const { rows: sizes } = await sql<{ relation: string; rows: string }>`
      select n.nspname || '.' || c.relname as relation, c.reltuples::bigint::text as rows from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname in ('app', 'billing') and c.reltuples > 0 order by c.reltuples desc`.execute(db);
    log(`Loaded in ${((performance.now() - started) / 1000).toFixed(0)} s: ${sizes.map((s) => `${s.relation} ${Number(s.rows).toLocaleString('en')}`).join(', ')}\n`);

    const samples = await pickSamples(db, ITERATIONS * 3);
    const rows: (string | number)[][] = [];
    for (const kind of KINDS) {
      const inputs = samples.flatMap((s) => ((x) => (x ? [{ ...x, sample: s }] : []))(kind.query(s))).slice(0, ITERATIONS);
      await timeEach(inputs.slice(0, 10), (x) => searchCustomers(db, x.q, 10)); // warm-up
      let found = 0;
      const opsdesk = percentiles(
        await timeEach(inputs, async (x) => {
          const response = await searchCustomers(db, x.q, 10);
          if (response.exact?.userId === x.sample.userId || response.results.some((r) => r.userId === x.sample.userId)) found++;
        }),
      );
      const naive = percentiles(await timeEach(inputs.slice(0, NAIVE_ITERATIONS), (x) => naiveSearch(db, kind.naive, x.naiveQ)));
      rows.push(row(kind.label, opsdesk, naive, found / inputs.length, inputs[0]?.q ?? ''));
    }
    log(formatTable(['kind', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'found', 'naive n', 'naive p50', 'naive p95', 'p50 ratio', 'example query'], rows));
    log('\nfound: share of searches whose intended customer is in the first 10 results (names and domains are shared by many customers).');
    log('naive: the same text searched the way generic admin tools do (ILIKE \'%q%\' LIMIT 10, similarity() ordered) over copies of the columns without indexes.');

    const pageTimes = await timeEach(Array.from({ length: 30 }, () => longHistory), async (userId) => {
      await loadCustomerPage(db, userId);
      await findCustomerTimeline(db, { userId, limit: 30 });
    });
    const page = percentiles(pageTimes.slice(5));
    log(`\nCustomer page (loadCustomerPage + first timeline page) of a customer with 60 monthly invoices and charges: p50 ${ms(page.p50)} ms, p95 ${ms(page.p95)} ms (n=${page.n})`);
    log(`Total run ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await loader.destroy();
    await db.destroy();
    if (args.keep) log(`Kept database: ${database.url}`);
    else await database.drop();
  }
}

function row(label: string, opsdesk: Latency, naive: Latency, found: number, example: string): (string | number)[] {
  return [label, opsdesk.n, ms(opsdesk.p50), ms(opsdesk.p95), ms(opsdesk.p99), `${(found * 100).toFixed(0)} %`, naive.n, ms(naive.p50), ms(naive.p95), `${(naive.p50 / opsdesk.p50).toFixed(0)}×`, example];
}

await main();

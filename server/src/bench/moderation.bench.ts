/**
 * npm run bench:moderation [-- --content 1000000 --reports 200000 --moderators 20 --claims 4000 --page-iterations 40 --keep]
 *
 * The moderation queue at scale (docs/moderation.md, "Figures"). Builds its own database
 * (a new one on DATABASE_URL's server, else an embedded PostgreSQL in a fresh folder, see
 * benchStorage.ts), runs the real migrations and the reference product schema, generates
 * `--content` content items and `--reports` open reports in SQL (generate_series), queues
 * them with the real sync, then times:
 * - "next item" (takeNextEntry in its own transaction, as the router runs it, without the
 *   audit row) under `--moderators` concurrent moderators, each deciding what it claimed
 *   (decideEntry: content hidden/removed, reports resolved, outcomes) before its next
 *   claim — target ≤ 30 ms p95 — and claims per second over the whole run;
 * - the queue page (loadQueuePage: first page, a reason group, a deep keyset page),
 *   target ≤ 100 ms p95.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrateReferenceProductSchema } from '../features/demo/appSchema/migrateReferenceProductSchema.js';
import { takeNextEntry } from '../features/moderation/moderationClaims.service.js';
import { decideEntry } from '../features/moderation/moderationDecide.service.js';
import { syncOpenReports } from '../features/moderation/moderationSync.queries.js';
import { loadQueuePage } from '../features/moderation/moderationViews.service.js';
import { insertStaff } from '../features/staff/staff.queries.js';
import { openBenchDatabase } from './benchStorage.js';
import { runBench, type Cleanup } from './benchRun.js';
import { formatTable, ms, percentiles, timeEach, type Latency } from './benchStats.js';

const { values: args } = parseArgs({
  options: {
    content: { type: 'string', default: '1000000' },
    reports: { type: 'string', default: '200000' },
    moderators: { type: 'string', default: '20' },
    claims: { type: 'string', default: '4000' },
    'page-iterations': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const CONTENT = Number(args.content);
const REPORTS = Number(args.reports);
const MODERATORS = Number(args.moderators);
const CLAIMS = Number(args.claims);
const PAGE_ITERATIONS = Number(args['page-iterations']);
const CLAIM_TARGET_MS = 30;
const PAGE_TARGET_MS = 100;
const REASONS = ['spam', 'spam', 'spam', 'harassment', 'harassment', 'hate', 'sexual', 'other', 'ip_violation', 'violence', 'illegal'];
const cleanups: Cleanup[] = [];
const log = (message: string) => console.log(message);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Users, content and open reports, all in SQL: reports land on ~60% as many items as there are reports (some items get several). */
async function generateProductData(db: Db) {
  const users = Math.max(1_000, Math.round(CONTENT / 20));
  let started = performance.now();
  await sql`insert into app.users (email, name, created_at) select 'bench-' || g || '@example.test', 'Bench user ' || g, now() - (g % 1500) * interval '1 day' from generate_series(1, ${users}) g`.execute(db);
  await sql`create temporary table bench_users as select row_number() over () as n, id from app.users`.execute(db);
  log(`  ${users.toLocaleString()} users in ${seconds(started)}`);
  started = performance.now();
  await sql`
    insert into app.content (user_id, kind, title, body, created_at)
    select u.id, 'post', 'Post ' || g, 'Generated post number ' || g || ' with some words to search', now() - (g % 720) * interval '1 hour'
    from generate_series(1, ${CONTENT}) g join bench_users u on u.n = 1 + (g % ${users})`.execute(db);
  log(`  ${CONTENT.toLocaleString()} content items in ${seconds(started)}`);
  started = performance.now();
  const reported = Math.max(1, Math.round(REPORTS * 0.6));
  await sql`create temporary table bench_content as select row_number() over () as n, id from (select id from app.content order by random() limit ${reported}) c`.execute(db);
  await sql`
    insert into app.content_reports (content_id, reporter_user_id, reason_code, details, created_at)
    select c.id, u.id, (${REASONS}::text[])[1 + (g % ${REASONS.length})], 'bench report', now() - (g % 4000) * interval '1 minute'
    from generate_series(1, ${REPORTS}) g
    join bench_content c on c.n = 1 + ((g::bigint * 7919) % ${reported})
    join bench_users u on u.n = 1 + ((g::bigint * 104729) % ${users})`.execute(db);
  for (const table of ['app.users', 'app.content', 'app.content_reports']) await sql`analyze ${sql.table(table)}`.execute(db);
  log(`  ${REPORTS.toLocaleString()} open reports on ${reported.toLocaleString()} items in ${seconds(started)}`);
}

/** Each moderator claims, then decides what it claimed, until `CLAIMS` claims are made in all; the claim alone is timed. */
async function runModerators(db: Db, moderatorIds: string[]) {
  const claimSamples: number[] = [];
  const decideSamples: number[] = [];
  let remaining = CLAIMS;
  const started = performance.now();
  await Promise.all(
    moderatorIds.map(async (id, i) => {
      const moderator = { id, label: `bench-moderator-${i}@example.test` };
      while (remaining-- > 0) {
        const claimStarted = performance.now();
        const entry = await db.transaction().execute((trx) => takeNextEntry(trx, moderator));
        claimSamples.push(performance.now() - claimStarted);
        if (!entry) return;
        const reasonCode = entry.reasonCodes.includes('spam') ? 'spam' : 'no_violation';
        const decideStarted = performance.now();
        await db.transaction().execute((trx) => decideEntry(trx, moderator, { entryId: entry.id, reasonCode, reason: 'Bench decision.' }));
        decideSamples.push(performance.now() - decideStarted);
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  return { claim: percentiles(claimSamples), decide: percentiles(decideSamples), claimsPerSecond: claimSamples.length / elapsedSeconds };
}

async function timePages(db: Db): Promise<[string, Latency][]> {
  const first = await loadQueuePage(db, { status: 'open', limit: 50 });
  let deepCursor = first.nextCursor;
  for (let i = 0; i < 20 && deepCursor; i++) deepCursor = (await loadQueuePage(db, { status: 'open', limit: 50, cursor: deepCursor })).nextCursor;
  const cases: [string, () => Promise<unknown>][] = [
    ['queue page: first 50, all groups', () => loadQueuePage(db, { status: 'open', limit: 50 })],
    ['queue page: first 50, group "abuse"', () => loadQueuePage(db, { status: 'open', reasonGroup: 'abuse', limit: 50 })],
    ['queue page: 21st page (keyset)', () => loadQueuePage(db, { status: 'open', limit: 50, cursor: deepCursor ?? undefined })],
    ['queue page: claimed now', () => loadQueuePage(db, { status: 'claimed', limit: 50 })],
  ];
  const results: [string, Latency][] = [];
  for (const [name, run] of cases) {
    await timeEach([1, 2, 3], run);
    results.push([name, percentiles(await timeEach(Array.from({ length: PAGE_ITERATIONS }, (_, i) => i), run))]);
  }
  return results;
}

async function main() {
  if (![CONTENT, REPORTS, MODERATORS, CLAIMS, PAGE_ITERATIONS].every((n) => Number.isInteger(n) && n > 0)) throw new Error('every option is a positive whole number');
  log(`bench:moderation — ${CONTENT.toLocaleString()} content items, ${REPORTS.toLocaleString()} open reports; ${MODERATORS} concurrent moderators making ${CLAIMS} claims`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const database = await openBenchDatabase(process.env.DATABASE_URL);
  cleanups.push(() => (args.keep ? (log(`Kept database: ${database.url}`), Promise.resolve()) : database.drop()));
  log(`Database: ${database.label}`);
  const db = createDatabase(database.url, { max: MODERATORS + 4 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  await migrateReferenceProductSchema(db);

  log('Generating product data:');
  await db.connection().execute((connection) => generateProductData(connection as Db));
  let started = performance.now();
  const queued = await syncOpenReports(db, { batch: 20_000 });
  for (const table of ['ops.moderation_queue', 'ops.moderation_queue_reports']) await sql`analyze ${sql.table(table)}`.execute(db);
  const entries = await sql<{ n: string }>`select count(*) as n from ops.moderation_queue where status <> 'decided'`.execute(db);
  log(`Sync: ${queued.toLocaleString()} reports into ${Number(entries.rows[0]!.n).toLocaleString()} queue entries in ${seconds(started)}`);

  const moderatorIds: string[] = [];
  for (let i = 0; i < MODERATORS; i++) moderatorIds.push((await insertStaff(db, { email: `bench-moderator-${i}@example.test`, name: `Bench moderator ${i}`, roles: ['moderator'], passwordHash: 'x' })).id);

  started = performance.now();
  const work = await runModerators(db, moderatorIds);
  log(`Moderators: ${work.claim.n} claims and ${work.decide.n} decisions in ${seconds(started)}`);
  const pages = await timePages(db);

  log('');
  log(
    formatTable(
      ['operation', 'p50 ms', 'p95 ms', 'p99 ms', 'n', 'target', 'verdict'],
      [
        [`next item (claim), ${MODERATORS} concurrent`, ms(work.claim.p50), ms(work.claim.p95), ms(work.claim.p99), work.claim.n, `≤ ${CLAIM_TARGET_MS}`, work.claim.p95 <= CLAIM_TARGET_MS ? 'ok' : 'OVER'],
        [`decide (between claims)`, ms(work.decide.p50), ms(work.decide.p95), ms(work.decide.p99), work.decide.n, '-', '-'],
        ...pages.map(([name, latency]) => [name, ms(latency.p50), ms(latency.p95), ms(latency.p99), latency.n, `≤ ${PAGE_TARGET_MS}`, latency.p95 <= PAGE_TARGET_MS ? 'ok' : 'OVER']),
      ],
    ),
  );
  log('');
  log(`Claims per second (each moderator claims, decides, claims again): ${work.claimsPerSecond.toFixed(0)}`);
  log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await runBench('moderation bench', cleanups, main);

/**
 * npm run bench:gdpr [-- --rows 100000 --others 20000 --texts 200000 --keep]
 *
 * The GDPR requests at scale (docs/gdpr.md, "Figures"). Builds its own database (a new one
 * on DATABASE_URL's server, else an embedded PostgreSQL in a fresh folder, see
 * benchStorage.ts) with the real migrations and the reference product schema, one data
 * subject with `--rows` rows across the product's tables and Opsdesk's notes (plus a
 * Stripe customer with a subscription at the emulator) among `--others` other people,
 * then, through the real routers and job engine in this process:
 * - the export (privacy.create → verifyIdentity → startExport → the `privacy.export` job):
 *   its time (target < 10 s) and this process's peak RSS growth while it runs, sampled
 *   every 10 ms (target < 150 MB);
 * - a naive export measured in the same run, in a fresh process of its own (each entity's JSON and CSV built in memory,
 *   gdprBenchNaive.ts), for the ratio;
 * - the erasure plan's "Mentions elsewhere" among `--texts` staff notes on other people's
 *   records (a few quoting the subject), through its trigram indexes, against the same
 *   statements reading every text (gdprBenchMentions.ts), for the ratio;
 * - the erasure (requestErasure by one privacy user, approved by another, the
 *   `privacy.erase` job): its time and the rows it erased.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { createDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrateReferenceProductSchema } from '../features/demo/appSchema/migrateReferenceProductSchema.js';
import { resolveErasureSubject } from '../features/privacy/erasure/erasureSubject.queries.js';
import { runBench, type Cleanup } from './benchRun.js';
import { openBenchDatabase } from './benchStorage.js';
import { formatTable, ms } from './benchStats.js';
import { generateStaffTexts, measureMentionScan } from './gdprBenchMentions.js';
import { startGdprBenchApp } from './gdprBenchApp.js';
import { generateGdprSubject } from './gdprBenchData.js';
import { measurePeakRss } from './gdprBenchMemory.js';
import { REPO_ROOT } from './opsdeskProcess.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    others: { type: 'string', default: '20000' },
    texts: { type: 'string', default: '200000' },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const OTHERS = Number(args.others);
const TEXTS = Number(args.texts);
/** One staff note in this many quotes the subject. */
const QUOTING = 20_000;
const EXPORT_TARGET_S = 10;
const RSS_TARGET_MB = 150;
const JOB_BOUND_MS = 600_000;
const cleanups: Cleanup[] = [];
const log = (message: string) => console.log(message);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The job's row once it has finished (read again every 20 ms: a condition, not a duration). */
async function finishedJob(db: Db, jobId: string) {
  for (const deadline = Date.now() + JOB_BOUND_MS; ; ) {
    const job = await db.selectFrom('ops.jobs').select(['status', 'error', 'startedAt', 'finishedAt', 'progressDone', 'result']).where('id', '=', jobId).executeTakeFirstOrThrow();
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) {
      if (job.status !== 'succeeded') throw new Error(`job ${jobId} ${job.status}: ${job.error}`);
      return { ...job, seconds: (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000 };
    }
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${JOB_BOUND_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The naive export in a fresh process (gdprBenchNaiveProcess.ts): its memory from a fresh heap, as the real export's. */
async function measureNaiveExport(databaseUrl: string, subject: unknown): Promise<{ seconds: number; baselineMb: number; peakMb: number; growthMb: number; value: { files: number; bytes: number } }> {
  const { stdout } = await promisify(execFile)(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['server/src/bench/gdprBenchNaiveProcess.ts', databaseUrl, JSON.stringify(subject)], { cwd: REPO_ROOT, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function jobIdOf(db: Db, requestId: string): Promise<string> {
  const row = await db.selectFrom('ops.privacyRequests').select('jobId').where('id', '=', requestId).executeTakeFirstOrThrow();
  if (!row.jobId) throw new Error(`request ${requestId} has no job`);
  return row.jobId;
}

async function main() {
  if (![ROWS, OTHERS, TEXTS].every((n) => Number.isInteger(n) && n > 0)) throw new Error('every option is a positive whole number');
  log(`bench:gdpr — one data subject with ${ROWS.toLocaleString()} rows among ${OTHERS.toLocaleString()} other people`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const database = await openBenchDatabase(process.env.DATABASE_URL);
  cleanups.push(() => (args.keep ? (log(`Kept database: ${database.url}`), Promise.resolve()) : database.drop()));
  log(`Database: ${database.label}`);
  const db = createDatabase(database.url, { max: 10 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  await migrateReferenceProductSchema(db);
  // The export's ZIP is written here (PRIVACY_EXPORT_DIR's default, under the data folder).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opsdesk-gdpr-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const app = await startGdprBenchApp(db, database.url, dataDir);
  cleanups.push(() => app.stop());

  const a = await app.callerAs(['privacy'], 'privacy-a@example.test');
  const b = await app.callerAs(['privacy'], 'privacy-b@example.test');
  let started = performance.now();
  const subject = await generateGdprSubject(db, app.deps.stripe, { rows: ROWS, others: OTHERS, staffId: a.staff.id });
  const subjectRows = Object.values(subject.rowsByTable).reduce((x, y) => x + y, 0);
  log(`Data: the subject's ${subjectRows.toLocaleString()} rows (${Object.entries(subject.rowsByTable).map(([t, n]) => `${t} ${n.toLocaleString()}`).join(', ')}) and the others' in ${seconds(started)}`);

  // ── The export ──
  const access = await a.api.privacy.create({ kind: 'access', subject: { kind: 'email', value: subject.email }, channel: 'email', note: 'bench' });
  await a.api.privacy.verifyIdentity({ requestId: access.id, method: 'signed_in_account', note: 'bench' });
  const exported = await measurePeakRss(async () => {
    const { jobId } = await a.api.privacy.startExport({ requestId: access.id });
    return finishedJob(db, jobId);
  });
  const exportRow = await db.selectFrom('ops.privacyRequests').select(['exportBytes']).where('id', '=', access.id).executeTakeFirstOrThrow();
  log(`Export: job ${exported.value.seconds.toFixed(2)} s, ${(Number(exportRow.exportBytes) / 2 ** 20).toFixed(1)} MB ZIP; peak RSS ${exported.peakMb.toFixed(0)} MB (${exported.growthMb.toFixed(0)} MB above the ${exported.baselineMb.toFixed(0)} MB before)`);

  const erasureSubject = await resolveErasureSubject(db, { id: access.id, subjectKind: 'email', subjectValue: subject.email, userId: subject.userId, customerIds: [subject.stripeCustomerId] });
  const naive = await measureNaiveExport(database.url, erasureSubject);
  log(`Naive export: ${naive.seconds.toFixed(2)} s, ${naive.value.files} files, ${(naive.value.bytes / 2 ** 20).toFixed(1)} MB held in memory; peak RSS ${naive.peakMb.toFixed(0)} MB (${naive.growthMb.toFixed(0)} MB above the ${naive.baselineMb.toFixed(0)} MB before)`);

  // ── Mentions elsewhere ── (after the export, whose memory figure would otherwise start from the heap this step leaves)
  const textsStarted = performance.now();
  await generateStaffTexts(db, { texts: TEXTS, staffId: a.staff.id, subjectEmail: subject.email, quoting: QUOTING });
  log(`Staff texts: ${TEXTS.toLocaleString()} notes of about 400 characters on other people's records, one in ${QUOTING.toLocaleString()} quoting the subject, in ${seconds(textsStarted)}`);
  const mentions = await measureMentionScan(db, erasureSubject, { iterations: 20, sequentialIterations: 3 });
  log(`Mentions elsewhere: ${mentions.total} found; through the trigram indexes p50 ${ms(mentions.indexed.p50)} ms, p95 ${ms(mentions.indexed.p95)} ms (n=${mentions.indexed.n}); reading every text p50 ${ms(mentions.sequential.p50)} ms, p95 ${ms(mentions.sequential.p95)} ms (n=${mentions.sequential.n})`);

  // ── The erasure ──
  const erasure = await a.api.privacy.create({ kind: 'erasure', subject: { kind: 'email', value: subject.email }, channel: 'email', note: 'bench' });
  await a.api.privacy.verifyIdentity({ requestId: erasure.id, method: 'signed_in_account', note: 'bench' });
  started = performance.now();
  const requested = await a.api.privacy.requestErasure({ requestId: erasure.id, reason: 'bench erasure' });
  const approvalId = (requested as { requestId: string }).requestId;
  await b.api.approvals.approve({ id: approvalId, comment: 'bench approval' });
  const erased = await finishedJob(db, await jobIdOf(db, erasure.id));
  const approveToDone = (performance.now() - started) / 1000;
  const plan = await db.selectFrom('ops.privacyRequests').select(['plan', 'status']).where('id', '=', erasure.id).executeTakeFirstOrThrow();
  const planRows = ((plan.plan as { steps?: { rows: number }[] } | null)?.steps ?? []).reduce((sum, step) => sum + step.rows, 0);
  log(`Erasure: job ${erased.seconds.toFixed(2)} s (${approveToDone.toFixed(2)} s from the request to done), ${planRows.toLocaleString()} rows in the plan, request ${plan.status}`);

  log('');
  log(
    formatTable(
      ['measure', 'value', 'target', 'verdict', 'naive', 'naive ÷ value'],
      [
        ['export time (job)', `${exported.value.seconds.toFixed(2)} s`, `< ${EXPORT_TARGET_S} s`, exported.value.seconds < EXPORT_TARGET_S ? 'ok' : 'OVER', `${naive.seconds.toFixed(2)} s`, (naive.seconds / exported.value.seconds).toFixed(2)],
        ['export peak RSS growth', `${exported.growthMb.toFixed(0)} MB`, `< ${RSS_TARGET_MB} MB`, exported.growthMb < RSS_TARGET_MB ? 'ok' : 'OVER', `${naive.growthMb.toFixed(0)} MB`, (naive.growthMb / Math.max(1, exported.growthMb)).toFixed(2)],
        ['mentions elsewhere (p95)', `${ms(mentions.indexed.p95)} ms`, '-', '-', `${ms(mentions.sequential.p95)} ms`, (mentions.sequential.p95 / mentions.indexed.p95).toFixed(1)],
        ['erasure time (job)', `${erased.seconds.toFixed(2)} s`, '-', '-', '-', '-'],
      ],
    ),
  );
  log('');
  log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await runBench('gdpr bench', cleanups, main);

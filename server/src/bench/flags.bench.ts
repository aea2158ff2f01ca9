/**
 * npm run bench:flags [-- --users 1000000 --seconds 10 --connections 50 --local-seconds 3 --runs 5 --reference-accounts 100000 --parts abc --keep]
 *
 * Feature flags (docs/flags.md, "Benchmark"), in one run:
 * (a) local evaluations per second of the shared evaluator and of npm unleash-client on
 *     the same ruleset and contexts (flagsBenchLocal.ts), target ratio ≥ 1×;
 * (b) `POST /api/flags/evaluate` under autocannon against a plain Express route in the
 *     same process as the ceiling (flagsBenchApi.ts): requests/s, p99, ratio;
 * (c) the impact preview over `--users` product accounts generated in PostgreSQL
 *     (flagsBenchData.ts): cold (the account snapshot read first, and its memory) and
 *     warm over `--runs` (target ≤ 2 s median), against the row-by-row reference over the
 *     first `--reference-accounts` (0: all), per account.
 * `--parts` picks the parts to run (e.g. `c` for the preview alone).
 * Builds its own database (a new one on DATABASE_URL's server, else an embedded
 * PostgreSQL in a fresh folder, see benchStorage.ts) and removes it after.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrateReferenceProductSchema } from '../features/demo/appSchema/migrateReferenceProductSchema.js';
import { previewFlagImpact } from '../features/flags/flagImpact.service.js';
import { previewFlagImpactRowByRow } from '../features/flags/flagImpactRowByRow.js';
import { forgetKeptAnswers } from '../features/flags/flagImpactAnswers.js';
import { accountSnapshotFor } from '../features/flags/flagImpactSnapshot.js';
import { createFlag, setEnvironmentState } from '../features/flags/flags.service.js';
import { runBench, type Cleanup } from './benchRun.js';
import { openBenchDatabase } from './benchStorage.js';
import { formatTable, ms, percentiles } from './benchStats.js';
import { measureEvaluationApi } from './flagsBenchApi.js';
import { BENCH_FLAG, benchStrategies, generateBenchProduct } from './flagsBenchData.js';
import { measureLocalEvaluation } from './flagsBenchLocal.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'local-seconds': { type: 'string', default: '3' },
    runs: { type: 'string', default: '5' },
    'reference-accounts': { type: 'string', default: '100000' },
    parts: { type: 'string', default: 'abc' },
    keep: { type: 'boolean', default: false },
  },
});
const USERS = Number(args.users);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const LOCAL_SECONDS = Number(args['local-seconds']);
const RUNS = Number(args.runs);
const REFERENCE_ACCOUNTS = Number(args['reference-accounts']);
const PARTS = new Set(args.parts);
const PREVIEW_TARGET_MS = 2000;
const cleanups: Cleanup[] = [];
const log = (message: string) => console.log(message);
const perSecond = (n: number) => Math.round(n).toLocaleString('en');

async function main() {
  if (![USERS, SECONDS, CONNECTIONS, LOCAL_SECONDS, RUNS].every((n) => Number.isInteger(n) && n > 0) || SECONDS > 60 || LOCAL_SECONDS > 60) {
    throw new Error('--users, --seconds, --connections, --local-seconds and --runs are positive whole numbers (seconds at most 60)');
  }
  if (!Number.isInteger(REFERENCE_ACCOUNTS) || REFERENCE_ACCOUNTS < 0) throw new Error('--reference-accounts is a whole number (0: all)');
  if (PARTS.size === 0 || [...PARTS].some((part) => !'abc'.includes(part))) throw new Error('--parts is some of a, b, c');
  const started = performance.now();
  log(`bench:flags — ${USERS.toLocaleString('en')} product users; autocannon ${SECONDS} s × ${CONNECTIONS} connections; local evaluation ${LOCAL_SECONDS} s per evaluator`);
  log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

  if (PARTS.has('a')) {
    const local = await measureLocalEvaluation(LOCAL_SECONDS * 1000);
    log('(a) local evaluation (isEnabled + getVariant of a Pro rollout with variants, 10,000 contexts)');
    log(formatTable(['evaluator', 'evaluations/s'], [['Opsdesk shared evaluator', perSecond(local.opsdesk)], ['unleash-client 6.12.1 (offline)', perSecond(local.unleash)]]));
    log(`ratio ${(local.opsdesk / local.unleash).toFixed(2)}× (target ≥ 1×)\n`);
  }
  if (!PARTS.has('b') && !PARTS.has('c')) return;

  const database = await openBenchDatabase(process.env.DATABASE_URL);
  cleanups.push(() => (args.keep ? (log(`Kept database: ${database.url}`), Promise.resolve()) : database.drop()));
  log(`Database: ${database.label}`);
  const db = createDatabase(database.url, { max: 8 });
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  await migrateReferenceProductSchema(db);
  const generating = performance.now();
  await generateBenchProduct(db, USERS);
  log(`Generated ${USERS.toLocaleString('en')} users in ${Math.ceil(USERS / 4).toLocaleString('en')} workspaces in ${((performance.now() - generating) / 1000).toFixed(0)} s.\n`);
  await db.transaction().execute(async (trx) => {
    await createFlag(trx, { key: BENCH_FLAG, description: 'bench', type: 'release', ownerId: null, tags: [] });
    await setEnvironmentState(trx, { key: BENCH_FLAG, environment: 'production', enabled: true, strategies: benchStrategies, variants: [] }, null);
  });

  if (PARTS.has('b')) {
    const api = await measureEvaluationApi(db, database.url, { durationSeconds: SECONDS, connections: CONNECTIONS });
    log(`(b) evaluation API on 127.0.0.1 (autocannon ${SECONDS} s, ${CONNECTIONS} connections, one flag per request)`);
    log(formatTable(['server', 'requests/s', 'p99 ms', 'errors', 'non-2xx'], [
      ['POST /api/flags/evaluate (Opsdesk)', perSecond(api.opsdesk.requestsPerSecond), api.opsdesk.p99Ms, api.opsdesk.errors, api.opsdesk.non2xx],
      ['plain Express route, fixed JSON', perSecond(api.ceiling.requestsPerSecond), api.ceiling.p99Ms, api.ceiling.errors, api.ceiling.non2xx],
    ]));
    log(`ratio ${(api.opsdesk.requestsPerSecond / api.ceiling.requestsPerSecond).toFixed(2)} of the ceiling\n`);
  }
  if (PARTS.has('c')) await measureImpactPreview(db);
  log(`\nTotal run ${((performance.now() - started) / 1000).toFixed(0)} s; load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
}

/** Heap and typed-array bytes after a full collection (the bench turns on `gc` for itself). */
function memoryInUse(): number {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function measureImpactPreview(db: ReturnType<typeof createDatabase>) {
  // Proposed: the Pro/Business rollout from 30 % to 60 % with two variants.
  const proposal = { key: BENCH_FLAG, environment: 'production', enabled: true, strategies: benchStrategies.map((s, i) => (i === 0 ? { ...s, parameters: { ...s.parameters, rollout: '60' } } : s)), variants: [{ name: 'blue', weight: 500, stickiness: 'userId' }, { name: 'green', weight: 500, stickiness: 'userId' }] };
  const memoryBefore = memoryInUse();
  let at = performance.now();
  let impact = await previewFlagImpact(db, proposal);
  const coldMs = performance.now() - at;
  const snapshotBytes = memoryInUse() - memoryBefore;
  // Warm, both rulesets evaluated (the current state's kept answers dropped first), then again with them kept.
  // CPU time beside wall time: on a shared machine the wall time mostly measures the other processes.
  const warm: number[] = [];
  const again: number[] = [];
  const warmCpu: number[] = [];
  const againCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  for (let run = 0; run < RUNS; run++) {
    forgetKeptAnswers(await accountSnapshotFor(db));
    let cpu = process.cpuUsage();
    at = performance.now();
    impact = await previewFlagImpact(db, proposal);
    warm.push(performance.now() - at);
    warmCpu.push(cpuMs(cpu));
    cpu = process.cpuUsage();
    at = performance.now();
    impact = await previewFlagImpact(db, proposal);
    again.push(performance.now() - at);
    againCpu.push(cpuMs(cpu));
  }
  at = performance.now();
  const reference = await previewFlagImpactRowByRow(db, proposal, REFERENCE_ACCOUNTS > 0 ? { limitAccounts: REFERENCE_ACCOUNTS } : {});
  const referenceMs = performance.now() - at;
  const warmTiming = percentiles(warm);
  const againTiming = percentiles(again);
  const perAccountRatio = referenceMs / reference.accounts / (warmTiming.p50 / impact.accounts);

  log(`(c) impact preview over ${impact.accounts.toLocaleString('en')} accounts (rollout 30 % → 60 % with variants); warm: ${RUNS} runs on the account snapshot`);
  log(formatTable(['preview', 'runs', 'median ms', 'p95 ms', 'slowest ms', 'median CPU ms', 'target'], [
    ['cold (reads the account snapshot)', 1, ms(coldMs), '', '', '', ''],
    ['warm (snapshot, both rulesets evaluated)', RUNS, ms(warmTiming.p50), ms(warmTiming.p95), ms(Math.max(...warm)), ms(percentiles(warmCpu).p50), warmTiming.p50 <= PREVIEW_TARGET_MS ? 'ok' : 'OVER'],
    ['warm again (current answers kept)', RUNS, ms(againTiming.p50), ms(againTiming.p95), ms(Math.max(...again)), ms(percentiles(againCpu).p50), ''],
    [`row by row (the old path), first ${reference.accounts.toLocaleString('en')} accounts`, 1, ms(referenceMs), '', '', '', ''],
  ]));
  log(`load average during (c): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`warm is ${perAccountRatio.toFixed(0)}× faster per account than row by row; snapshot of ${impact.accounts.toLocaleString('en')} accounts: ${(snapshotBytes / 2 ** 20).toFixed(0)} MiB (heap + typed arrays), as of ${impact.asOf}`);
  log(`flips: ${impact.offToOn.toLocaleString('en')} off→on, ${impact.onToOff.toLocaleString('en')} on→off, ${impact.variantChanged.toLocaleString('en')} variant; ${impact.payingCustomersAffected.toLocaleString('en')} paying customers, MRR ${(impact.mrrAffectedCents / 100).toLocaleString('en')} ${impact.currency.toUpperCase()} (target ≤ ${PREVIEW_TARGET_MS} ms warm median)`);
}

await runBench('flags bench', cleanups, main);

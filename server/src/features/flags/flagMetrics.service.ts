import { TRPCError } from '@trpc/server';
import type { TFlagMetrics } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Db, DbOrTrx } from '../../db/database.js';
import { findFlagByKey } from './flags.queries.js';
import { FLAG_METRICS_LIMITS, type TFlagClientRegistration, type TFlagMetricsReport } from './flagMetrics.schemas.js';
import { addHourlyCounts, countClients, deleteExpiredCounts, findHourlyCounts, findLastReportedAt, touchClient, upsertClient } from './flagMetrics.queries.js';

/**
 * Evaluation counts from SDKs (docs/flags.md "Metrics"): summed per flag × environment of
 * the API key × hour, kept 30 days. Expired rows are dropped on write, at most every ten
 * minutes per process, so no separate job is needed and a quiet installation keeps little.
 */
const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrunedAt = 0;

/** The hour a report is counted in: its start, unless that is in the future or past retention (a skewed clock). */
function hourOf(report: TFlagMetricsReport, now: Date): Date {
  const start = new Date(report.bucket.start);
  const oldest = now.getTime() - 29 * 86_400_000;
  return start.getTime() > now.getTime() + 5 * 60_000 || start.getTime() < oldest ? now : start;
}

export async function recordMetrics(db: Db, environment: string, report: TFlagMetricsReport, now = new Date()): Promise<{ counted: number }> {
  const toggles = Object.entries(report.bucket.toggles)
    .filter(([, counts]) => counts.yes + counts.no > 0 || Object.keys(counts.variants ?? {}).length > 0)
    .map(([name, counts]) => ({ name, yes: counts.yes, no: counts.no, variants: counts.variants ?? {} }));
  const counted = await addHourlyCounts(db, environment, hourOf(report, now), toggles);
  await touchClient(db, { environment, appName: report.appName, instanceId: report.instanceId });
  if (now.getTime() - lastPrunedAt > PRUNE_EVERY_MS) {
    lastPrunedAt = now.getTime();
    await deleteExpiredCounts(db, now);
  }
  return { counted };
}

/** Registration of an SDK instance; past the cap, new instances are not recorded (known ones still are). */
export async function registerClient(db: DbOrTrx, environment: string, registration: TFlagClientRegistration): Promise<void> {
  const key = { environment, appName: registration.appName, instanceId: registration.instanceId };
  if ((await countClients(db, environment)) >= FLAG_METRICS_LIMITS.clientsPerEnvironment) {
    await touchClient(db, key);
    return;
  }
  await upsertClient(db, {
    ...key,
    sdkVersion: registration.sdkVersion ?? null,
    startedAt: registration.started ? new Date(registration.started) : null,
    intervalMs: registration.interval ?? null,
  });
}

export async function flagMetrics(db: DbOrTrx, input: { key: string; environment?: string | undefined; hours: number }, now = new Date()): Promise<TFlagMetrics> {
  const flag = await findFlagByKey(db, input.key);
  if (!flag) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${input.key}".` });
  const since = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - (input.hours - 1) * 3_600_000);
  const [rows, lastReportedAt] = await Promise.all([findHourlyCounts(db, { flagId: flag.id, environment: input.environment, since }), findLastReportedAt(db, flag.id, input.environment)]);
  const buckets = rows.map((row) => ({
    hour: row.hour.toISOString(),
    environment: row.environment,
    yes: Number(row.yes),
    no: Number(row.no),
    variants: Object.fromEntries(Object.entries(row.variants as Record<string, string | number>).map(([name, count]) => [name, Number(count)])),
  }));
  return {
    key: flag.key,
    buckets,
    totals: buckets.reduce((sum, bucket) => ({ yes: sum.yes + bucket.yes, no: sum.no + bucket.no }), { yes: 0, no: 0 }),
    lastReportedAt: lastReportedAt ? lastReportedAt.toISOString() : null,
  };
}

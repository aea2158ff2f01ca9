import type { HealthVerdict } from '@opsdesk/shared';
import { pendingMigrations } from '../../../db/migrate.js';
import { pingDatabase } from '../../../http/health.queries.js';
import type { AppDeps } from '../../../trpc/context.js';
import type { RunbookFact } from '../runbookAction.js';
import { saturationFacts } from './connections.display.js';
import { findJobQueueDepth } from './health.queries.js';
import { summarizeBacklog } from './webhookBacklog.queries.js';

/**
 * Every check Opsdesk has, each bounded by its own timeout (a check that hangs says
 * "fail", it does not hang the health check), each a fact with its verdict and the
 * docs/runbook.md entry to open next when it is not ok.
 */
export const ENTRIES = {
  down: 'site-is-down',
  slow: 'site-is-slow',
  webhooks: 'stripe-webhook-backlog',
  pool: 'connection-pool-exhaustion',
  jobs: 'jobs',
} as const;

/** Latency past which a dependency makes the site slow; a bound, chosen generously for a busy machine. */
const SLOW_MS = { database: 500, redis: 200, stripe: 2_000 } as const;
const TIMEOUT_MS = { database: 2_000, redis: 1_500, stripe: 5_000 } as const;
const STUCK_WEBHOOK_MINUTES = 5;
const WEBHOOK_PENDING_FAIL_SECONDS = 30 * 60;
const JOB_WAIT_WARN_SECONDS = 60;
const JOB_WAIT_FAIL_SECONDS = 10 * 60;

export type HealthFact = RunbookFact & { status: HealthVerdict };

type Check = (deps: AppDeps) => Promise<HealthFact[]>;

const fact = (label: string, value: string, status: HealthVerdict, entry: string | null = null): HealthFact => ({
  label,
  value,
  status,
  runbookEntry: status === 'ok' ? null : entry,
});

async function timed<T>(work: () => Promise<T>, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const value = await Promise.race([work(), timeout]);
    return { value, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

const database: Check = async ({ db }) => {
  try {
    const { ms } = await timed(() => pingDatabase(db), TIMEOUT_MS.database);
    const pending = await timed(() => pendingMigrations(db), TIMEOUT_MS.database);
    return [
      fact('Database', `answers in ${ms} ms`, ms >= SLOW_MS.database ? 'warn' : 'ok', ENTRIES.slow),
      fact('Database migrations', pending.value.length === 0 ? 'current' : `${pending.value.length} pending: ${pending.value.join(', ')}`, pending.value.length === 0 ? 'ok' : 'fail', ENTRIES.down),
    ];
  } catch (error) {
    return [fact('Database', `unreachable: ${reason(error)}`, 'fail', ENTRIES.down)];
  }
};

const redis: Check = async ({ redis: client }) => {
  if (!client) return [fact('Redis', 'not configured (REDIS_URL unset): each instance counts in memory', 'ok')];
  try {
    const { ms } = await timed(() => client.ping(), TIMEOUT_MS.redis);
    return [fact('Redis', `answers in ${ms} ms`, ms >= SLOW_MS.redis ? 'warn' : 'ok', ENTRIES.slow)];
  } catch (error) {
    return [fact('Redis', `unreachable: ${reason(error)}`, 'fail', ENTRIES.down)];
  }
};

/** The cheapest authenticated call: one event, no retries, a short timeout. */
const stripe: Check = async ({ stripe: client }) => {
  try {
    const { ms } = await timed(() => client.events.list({ limit: 1 }, { timeout: TIMEOUT_MS.stripe, maxNetworkRetries: 0 }), TIMEOUT_MS.stripe + 500);
    return [fact('Stripe API', `answers in ${ms} ms`, ms >= SLOW_MS.stripe ? 'warn' : 'ok', ENTRIES.webhooks)];
  } catch (error) {
    return [fact('Stripe API', `unreachable: ${reason(error)}`, 'fail', ENTRIES.webhooks)];
  }
};

const webhooks: Check = async ({ db }) => {
  try {
    const { value: backlog } = await timed(() => summarizeBacklog(db, STUCK_WEBHOOK_MINUTES), TIMEOUT_MS.database);
    const oldest = backlog.oldestPendingSeconds === null ? 'none pending' : `oldest pending ${Math.round(backlog.oldestPendingSeconds)} s`;
    const status: HealthVerdict = (backlog.oldestPendingSeconds ?? 0) >= WEBHOOK_PENDING_FAIL_SECONDS ? 'fail' : backlog.failed > 0 || backlog.stuck > 0 ? 'warn' : 'ok';
    return [fact('Webhook backlog', `${backlog.failed} failed, ${backlog.pending} pending (${oldest})`, status, ENTRIES.webhooks)];
  } catch (error) {
    return [fact('Webhook backlog', `unknown: ${reason(error)}`, 'fail', ENTRIES.down)];
  }
};

const jobs: Check = async ({ db }) => {
  try {
    const { value: queue } = await timed(() => findJobQueueDepth(db), TIMEOUT_MS.database);
    const wait = queue.oldestDueSeconds ?? 0;
    const status: HealthVerdict = wait >= JOB_WAIT_FAIL_SECONDS ? 'fail' : wait >= JOB_WAIT_WARN_SECONDS ? 'warn' : 'ok';
    const oldest = queue.oldestDueSeconds === null ? '' : `, oldest waiting ${Math.round(queue.oldestDueSeconds)} s`;
    return [fact('Job queue', `${queue.due} waiting, ${queue.running} running, ${queue.later} scheduled${oldest}`, status, ENTRIES.jobs)];
  } catch (error) {
    return [fact('Job queue', `unknown: ${reason(error)}`, 'fail', ENTRIES.down)];
  }
};

const pool: Check = async ({ db }) => {
  try {
    const { value: facts } = await timed(() => saturationFacts(db), TIMEOUT_MS.database);
    return facts.flatMap((f) => (f.status ? [fact(f.label, String(f.value), f.status, ENTRIES.pool)] : []));
  } catch (error) {
    return [fact('Connection pool', `unknown: ${reason(error)}`, 'fail', ENTRIES.pool)];
  }
};

export const HEALTH_CHECKS: readonly Check[] = [database, redis, stripe, webhooks, jobs, pool];

export async function runHealthChecks(deps: AppDeps): Promise<HealthFact[]> {
  return (await Promise.all(HEALTH_CHECKS.map((check) => check(deps)))).flat();
}

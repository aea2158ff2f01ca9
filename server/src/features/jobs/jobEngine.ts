import { Logger as WorkerLogger, parseCronItems, run, runMigrations, type Runner } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import { withSchemaChangeLock } from '../../db/schemaChangeLock.js';
import { enqueueJob, RUN_TASK } from './enqueueJob.js';
import { jobKindRegistry, type JobKind } from './jobKind.js';
import { EngineStopping, errorText, JobCancelled } from './jobOutcome.js';
import type { EngineRuntime } from './jobRuntime.js';
import { findCancelRequests } from './jobs.queries.js';
import { holdWorkerLock } from './liveness.js';
import { recoverOrphanedJobs } from './recoverJobs.js';
import { runQueuedJob } from './runJob.js';

/**
 * The job engine, started by the server itself (main.ts): graphile-worker (its own
 * schema, `graphile_worker`, installed here) dispatches queue entries to this instance
 * over LISTEN/NOTIFY with SKIP LOCKED, and fires the cron schedules once per tick across
 * every instance; Opsdesk's runtime (runJob.ts) turns each entry into a run of a typed
 * kind, recorded on ops.jobs. Beside it, this instance holds its liveness lock
 * (liveness.ts), sweeps for runs orphaned by a dead process (at start, then every
 * sweepMs), and watches for cancel requests (every cancelPollMs).
 */
export interface JobSchedule {
  kind: JobKind<any>;
  /** Cron pattern, UTC (`* * * * *`: every minute). */
  match: string;
}

export interface JobEngineOptions {
  db: Db;
  connectionString: string;
  logger: Logger;
  kinds: readonly JobKind<any>[];
  schedules?: readonly JobSchedule[];
  concurrency?: number;
  sweepMs?: number;
  cancelPollMs?: number;
}

export interface JobEngine {
  workerId: string;
  /** Ends the runs in progress (resumed or failed like after a crash, recorded now), then stops taking jobs. */
  stop(): Promise<void>;
}

const SCHEDULE_TASK = 'opsdesk_schedule';

/** Installs (or upgrades) graphile-worker's schema; idempotent, and taking turns with every other schema change (schemaChangeLock.ts). */
export async function installJobEngine(db: Db, connectionString: string): Promise<void> {
  await withSchemaChangeLock(db, () => runMigrations({ connectionString, logger: silentWorkerLogger() }));
}

export async function startJobEngine(options: JobEngineOptions): Promise<JobEngine> {
  const { db, logger } = options;
  await installJobEngine(db, options.connectionString);
  const worker = await holdWorkerLock(options.connectionString);
  const kinds = jobKindRegistry([...options.kinds, ...(options.schedules ?? []).map((schedule) => schedule.kind).filter((kind) => !options.kinds.includes(kind))]);
  const runtime: EngineRuntime = { db, worker, kinds, logger, running: new Map() };
  worker.onLost(() => {
    logger.error({ workerId: worker.id }, 'job engine lost its liveness connection: stopping its runs (another instance will resume or fail them)');
    for (const controller of runtime.running.values()) controller.abort(new EngineStopping('This server lost its database connection'));
  });

  const recovered = await recoverOrphanedJobs(db, kinds);
  if (recovered) logger.warn({ recovered }, 'jobs left running by a stopped server were resumed or failed');

  const schedules = options.schedules ?? [];
  // The engine's own pool, not one graphile-worker makes: it drops its error listener as it
  // stops, and an idle connection that PostgreSQL ends then (a terminal's Ctrl-C reaches
  // the embedded server too) raised an unhandled 'error' that crashed the server's stop.
  const pgPool = new pg.Pool({ connectionString: namedConnection(options.connectionString), max: (options.concurrency ?? 4) + 2 });
  pgPool.on('error', (error) => logger.warn({ err: error }, 'job engine: a pooled connection was closed by the server'));
  // A connection checked out when it breaks reports on the client, not the pool: without a
  // listener there, graphile-worker adds its own and prints a warning to the console at
  // every start (the same reason as above, said in our log instead).
  pgPool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'job engine: a connection in use was closed by the server')));
  const runner: Runner = await run({
    pgPool,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: workerLogger(logger),
    taskList: {
      [RUN_TASK]: async (payload) => runQueuedJob(runtime, (payload as { jobId: string }).jobId),
      [SCHEDULE_TASK]: async (payload) => {
        const kind = kinds.get((payload as { kind: string }).kind);
        if (kind) await db.transaction().execute((trx) => enqueueJob(trx, kind, {}, { startedBy: null }));
      },
    },
    parsedCronItems: parseCronItems(
      schedules.map((schedule) => ({ task: SCHEDULE_TASK, match: schedule.match, identifier: schedule.kind.name, payload: { kind: schedule.kind.name }, options: { backfillPeriod: 0, maxAttempts: 1 } })),
    ),
  }).catch(async (error: unknown) => {
    await pgPool.end().catch(() => undefined);
    throw error;
  });

  const every = (ms: number, work: () => Promise<unknown>, what: string) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      work()
        .catch((error: unknown) => logger.error({ err: error }, `job engine: ${what} failed`))
        .finally(() => (busy = false));
    }, ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every(options.sweepMs ?? 15_000, () => recoverOrphanedJobs(db, kinds), 'recovering orphaned jobs'),
    every(
      options.cancelPollMs ?? 1_000,
      async () => {
        if (runtime.running.size === 0) return;
        for (const id of await findCancelRequests(db, worker.id)) runtime.running.get(id)?.abort(new JobCancelled());
      },
      'watching for cancel requests',
    ),
  ];

  return {
    workerId: worker.id,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      for (const controller of runtime.running.values()) controller.abort(new EngineStopping('The server was stopped'));
      await runner.stop().catch((error: unknown) => logger.error({ err: error }, `job engine did not stop cleanly: ${errorText(error)}`));
      await pgPool.end().catch(() => undefined);
      await worker.release();
    },
  };
}

function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message) => {
    if (level === 'error') logger.error({ scope }, message);
    else if (level === 'warning') logger.warn({ scope }, message);
    else logger.debug({ scope }, message);
  });
}

/** The engine's pool names its connections, so the connections runbook knows them as Opsdesk's own (never terminated). */
function namedConnection(connectionString: string): string {
  const url = new URL(connectionString);
  url.searchParams.set('application_name', 'opsdesk-jobs');
  return url.toString();
}

function silentWorkerLogger(): WorkerLogger {
  return new WorkerLogger(() => () => undefined);
}

import { FINISHED_JOB_STATUSES } from '@opsdesk/shared';
import { boundedJson, JSON_MAX_BYTES, scheduleJobRun } from './enqueueJob.js';
import { backoffMs, canResume, type JobContext, type JobKind } from './jobKind.js';
import { appendJobLogLine } from './jobLog.queries.js';
import { toLogText } from './jobLogText.js';
import { EngineStopping, errorText, JobCancelled, JobTimedOut } from './jobOutcome.js';
import type { EngineRuntime } from './jobRuntime.js';
import { finishJob, lockJob, markJobRunning, requeueJob, saveJobCheckpoint, updateJobProgress } from './jobs.queries.js';
import type { JobRow } from './jobs.table.js';
import { interruptJob, isWorkerAlive } from './recoverJobs.js';

/**
 * graphile-worker hands this instance a job id (its own locking means one worker at a
 * time); the claim then checks the row under a row lock, so a stale or duplicate queue
 * entry never starts a second run: finished → nothing; running on a live worker →
 * nothing; running on a dead one → recovered (recoverJobs.ts); queued → running here.
 * The handler records every outcome itself and returns normally, so graphile-worker's
 * own retry only comes into play when recording failed (the database was unreachable).
 */
export async function runQueuedJob(runtime: EngineRuntime, jobId: string): Promise<void> {
  const claimed = await claim(runtime, jobId);
  if (!claimed) return;
  await execute(runtime, claimed.row, claimed.kind, claimed.resume);
}

type Claimed = { row: JobRow; kind: JobKind<any>; resume: JobContext<unknown>['resume'] };

async function claim(runtime: EngineRuntime, jobId: string): Promise<Claimed | null> {
  // One transaction in the common case (queued → running here); a run whose worker died is
  // first resumed (queued again) or failed, then claimed like any other.
  for (let pass = 0; pass < 2; pass++) {
    const claimed = await runtime.db.transaction().execute(async (trx): Promise<Claimed | { orphan: JobRow } | null> => {
      const row = await lockJob(trx, jobId);
      if (!row || FINISHED_JOB_STATUSES.includes(row.status)) return null;
      if (row.status === 'running') {
        // Running here but not in progress here: recording its outcome failed (the database was away).
        const mine = row.workerId === runtime.worker.id;
        const orphaned = pass === 0 && (mine ? !runtime.running.has(jobId) : !(await isWorkerAlive(trx, row.workerKey)));
        return orphaned ? { orphan: row } : null;
      }
      const kind = runtime.kinds.get(row.kind);
      if (row.cancelRequestedAt || !kind) {
        await finishJob(trx, jobId, null, row.cancelRequestedAt ? { status: 'cancelled', error: 'Cancelled from the console before it started.' } : { status: 'failed', error: `This server has no job kind "${row.kind}".` });
        return null;
      }
      const running = await markJobRunning(trx, jobId, runtime.worker);
      const resume = row.startedAt && canResume(kind, row.parameters) ? { done: row.progressDone, checkpoint: row.checkpoint } : null;
      await appendJobLogLine(trx, jobId, { level: 'info', text: toLogText(resume ? `Resumed at step ${resume.done} on ${runtime.worker.id} (attempt ${running.attempts}).` : `Started on ${runtime.worker.id} (attempt ${running.attempts}).`) });
      return { row: running, kind, resume };
    });
    if (!claimed || !('orphan' in claimed)) return claimed;
    await interruptJob(runtime.db, runtime.kinds, claimed.orphan.id, claimed.orphan.workerId, 'The server running this job stopped');
  }
  return null;
}

async function execute(runtime: EngineRuntime, row: JobRow, kind: JobKind<any>, resume: JobContext<unknown>['resume']): Promise<void> {
  const { db, worker } = runtime;
  // Stored before a change to the kind's parameters: failed with the reason, never stuck.
  const params = kind.params.safeParse(row.parameters);
  if (!params.success) {
    await finishJob(db, row.id, worker.id, { status: 'failed', error: errorText(`The stored parameters no longer fit this kind: ${params.error.message}`) });
    return;
  }
  const controller = new AbortController();
  runtime.running.set(row.id, controller);
  const timer = setTimeout(() => controller.abort(new JobTimedOut(kind.timeoutMs)), kind.timeoutMs);
  const abortedBecause = new Promise<unknown>((resolve) => controller.signal.addEventListener('abort', () => resolve(controller.signal.reason), { once: true }));
  const ctx: JobContext<unknown> = {
    jobId: row.id,
    params: params.data,
    db,
    signal: controller.signal,
    attempt: row.attempts,
    resume,
    async progress(done, total) {
      const state = await updateJobProgress(db, row.id, worker.id, done, total);
      if (state?.cancelRequested) controller.abort(new JobCancelled());
    },
    log: (line, level = 'info') => appendJobLogLine(db, row.id, { level, text: toLogText(line) }, worker.id),
    checkpoint: (value) => saveJobCheckpoint(db, row.id, worker.id, boundedJson(value, 'The checkpoint')),
  };
  type Ended = { ok: true; value: unknown } | { ok: false; error: unknown } | { aborted: unknown };
  const ended: Ended = await Promise.race([
    Promise.resolve()
      .then(() => kind.run(ctx))
      .then(
        (value): Ended => ({ ok: true, value }),
        (error: unknown): Ended => ({ ok: false, error }),
      ),
    abortedBecause.then((reason): Ended => ({ aborted: reason })),
  ]);
  clearTimeout(timer);
  runtime.running.delete(row.id);
  await record(runtime, row, kind, ended);
}

async function record(runtime: EngineRuntime, row: JobRow, kind: JobKind<any>, ended: { ok: true; value: unknown } | { ok: false; error: unknown } | { aborted: unknown }): Promise<void> {
  const { db, worker } = runtime;
  const say = (text: string, level: 'info' | 'warn' | 'error' = 'info') => appendJobLogLine(db, row.id, { level, text: toLogText(text) }, worker.id);
  if ('aborted' in ended) {
    const reason = ended.aborted;
    if (reason instanceof EngineStopping) return interruptJob(db, runtime.kinds, row.id, worker.id, reason.message);
    const status = reason instanceof JobTimedOut ? 'timed_out' : 'cancelled';
    await say(errorText(reason), 'warn');
    await finishJob(db, row.id, worker.id, { status, error: errorText(reason) });
    return;
  }
  if (ended.ok) {
    // One commit for the closing line and the outcome.
    await db.transaction().execute(async (trx) => {
      await appendJobLogLine(trx, row.id, { level: 'info', text: 'Finished.' }, worker.id);
      await finishJob(trx, row.id, worker.id, { status: 'succeeded', resultJson: resultJson(ended.value) });
    });
    return;
  }
  const message = errorText(ended.error);
  if (kind.retry !== 'none' && row.attempts < kind.retry.limit) {
    const wait = backoffMs(kind.retry, row.attempts);
    const runAt = new Date(Date.now() + wait);
    await say(`Attempt ${row.attempts} of ${kind.retry.limit} failed: ${message} Retrying in ${Math.ceil(wait / 1000)} s.`, 'warn');
    await db.transaction().execute(async (trx) => {
      if (await requeueJob(trx, row.id, worker.id, runAt, message)) await scheduleJobRun(trx, row.id, runAt);
    });
    return;
  }
  await say(`Failed: ${message}`, 'error');
  await finishJob(db, row.id, worker.id, { status: 'failed', error: message });
}

/** Results are bounded like parameters; an oversized one is replaced by a note rather than lost silently. */
function resultJson(value: unknown): string {
  try {
    return boundedJson(value === undefined ? null : value, 'The result');
  } catch {
    return JSON.stringify({ note: `The result was larger than ${JSON_MAX_BYTES} bytes and was not kept.` });
  }
}

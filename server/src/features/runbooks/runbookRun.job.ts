import { z } from 'zod';
import type { AppDeps } from '../../trpc/context.js';
import type { ActionActor } from '../actionRequests/staffAction.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { defineJobKind, type JobContext, type JobKind } from '../jobs/jobKind.js';
import { errorText, JobCancelled, JobTimedOut } from '../jobs/jobOutcome.js';
import { findStaffById } from '../staff/staff.queries.js';
import { planHashOf } from './planHash.js';
import type { AnyRunbookAction, RunbookRunContext } from './runbookAction.js';
import { runbookRunJobName } from './runbookJobNames.js';
import { lockRun, markRunRunning } from './runbookRuns.queries.js';
import type { RunbookRunRow } from './runbooks.table.js';
import { runbookRevertJob } from './runbookRevert.job.js';
import { boundedJsonText, RESULT_MAX_BYTES } from './runbookJson.js';
import { recordRunOutcome } from './runOutcome.js';
import { insertTemporaryChange, setChangeRevertJob } from './temporaryChanges.queries.js';

/**
 * A runbook run as a durable job (one kind per action: `runbook.<name>`, with the
 * action's timeout). At execution it plans again and refuses when the live state's hash
 * differs from the plan that was confirmed; then it executes with its output streamed to
 * the job's log, and records the outcome on the run with an audit row.
 *
 * After a crash the engine hands the run back ("resumable"), but only so that it is
 * reported: a run found already running was cut off mid-effect, so it is failed with
 * the reason and never executed a second time.
 */
export const ZRunbookRunJobParams = z.strictObject({ runId: z.uuid() });
type RunJobParams = z.infer<typeof ZRunbookRunJobParams>;

export const STALE_PLAN_MESSAGE = 'The live state changed since the plan; plan again.';
export const INTERRUPTED_MESSAGE = 'The server stopped while this run executed, so its effect is unknown: check the live state and plan again. It was not run a second time.';

export function runbookRunJob(deps: AppDeps, spec: AnyRunbookAction): JobKind<RunJobParams> {
  return defineJobKind({
    name: runbookRunJobName(spec.name),
    title: spec.title,
    params: ZRunbookRunJobParams,
    timeoutMs: spec.timeoutMs,
    retry: 'none',
    resumable: true,
    run: (job) => executeRun(deps, spec, job),
  });
}

type Claim = { kind: 'run'; run: RunbookRunRow } | { kind: 'interrupted'; run: RunbookRunRow } | { kind: 'finished' };

async function claimRun(deps: AppDeps, runId: string): Promise<Claim> {
  return deps.db.transaction().execute(async (trx): Promise<Claim> => {
    const run = await lockRun(trx, runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return { kind: 'finished' };
    if (run.status === 'running') return { kind: 'interrupted', run };
    return { kind: 'run', run: await markRunRunning(trx, runId) };
  });
}

async function actorOf(deps: AppDeps, staffId: string | null): Promise<ActionActor | null> {
  if (!staffId) return null;
  const staff = await findStaffById(deps.db, staffId);
  return staff ? { id: staff.id, email: staff.email, roles: staff.roles } : null;
}

async function executeRun(deps: AppDeps, spec: AnyRunbookAction, job: JobContext<RunJobParams>): Promise<unknown> {
  const claim = await claimRun(deps, job.params.runId);
  if (claim.kind === 'finished') {
    await job.log('This run has already finished: nothing to do.');
    return null;
  }
  const run = { ...claim.run, jobId: job.jobId };
  const actor = await actorOf(deps, run.requestedBy);
  if (claim.kind === 'interrupted') {
    await recordRunOutcome(deps.db, run, actor, { status: 'failed', error: INTERRUPTED_MESSAGE });
    throw new Error(INTERRUPTED_MESSAGE);
  }
  // The engine records a timeout or a cancel on the job as soon as it happens; the run hears of it here.
  job.signal.addEventListener(
    'abort',
    () => {
      const reason: unknown = job.signal.reason;
      const status = reason instanceof JobTimedOut ? 'timed_out' : reason instanceof JobCancelled ? 'cancelled' : null;
      if (status) void recordRunOutcome(deps.db, run, actor, { status, error: errorText(reason) }).catch((error: unknown) => deps.logger.error({ err: error, runId: run.id }, 'recording a stopped runbook run failed'));
    },
    { once: true },
  );
  try {
    const params = spec.params.parse(run.params);
    await job.log(`Planning again to check the live state against the confirmed plan (${run.planHash.slice(0, 12)}…).`);
    const plan = await spec.plan({ deps, actor }, params);
    if (planHashOf(plan.state) !== run.planHash) throw new Error(STALE_PLAN_MESSAGE);
    await job.log(`Live state unchanged. ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} to run.`);
    const result = await spec.execute(runContext(deps, spec, run, actor, job), params, plan);
    await recordRunOutcome(deps.db, run, actor, { status: 'succeeded', resultJson: resultJson(result), summary: result.summary });
    return { summary: result.summary };
  } catch (error) {
    // Stopped by a timeout or a cancel: recorded by the listener above.
    if (!job.signal.aborted) await recordRunOutcome(deps.db, run, actor, { status: 'failed', error: errorText(error) });
    throw error;
  }
}

function runContext(deps: AppDeps, spec: AnyRunbookAction, run: RunbookRunRow, actor: ActionActor | null, job: JobContext<RunJobParams>): RunbookRunContext {
  return {
    deps,
    actor,
    runId: run.id,
    jobId: job.jobId,
    signal: job.signal,
    log: job.log,
    progress: job.progress,
    async revertAt(expiresAt, description, revertParams) {
      if (!spec.revert) throw new Error(`runbook action ${spec.name} made a temporary change but declares no revert`);
      await deps.db.transaction().execute(async (trx) => {
        const change = await insertTemporaryChange(trx, { runId: run.id, action: spec.name, description: description.slice(0, 500), revertParamsJson: boundedJsonText(revertParams, 'The revert parameters'), expiresAt });
        // Enqueuing needs only the kind's name and parameters; the engine runs the kind main.ts built.
        const revertJob = await enqueueJob(trx, runbookRevertJob(deps, new Map()), { changeId: change.id }, { startedBy: null, runAt: expiresAt });
        await setChangeRevertJob(trx, change.id, revertJob.id);
      });
      await job.log(`Temporary: reverts itself at ${expiresAt.toISOString()} (${description}).`);
    },
  };
}

/** A result too large to keep is replaced by its summary rather than failing a run that did its work. */
function resultJson(result: { summary: string }): string {
  try {
    return boundedJsonText(result, 'The result', RESULT_MAX_BYTES);
  } catch {
    return JSON.stringify({ summary: result.summary, facts: [{ label: 'Note', value: `The full result was larger than ${RESULT_MAX_BYTES} bytes and was not kept.` }] });
  }
}

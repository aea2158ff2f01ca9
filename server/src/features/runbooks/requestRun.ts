import { TRPCError } from '@trpc/server';
import type { TRunbookRunRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import type { AppDeps } from '../../trpc/context.js';
import type { ActionActor } from '../actionRequests/staffAction.js';
import { enqueueJob, JobEngineUnavailableError } from '../jobs/enqueueJob.js';
import { planHashOf } from './planHash.js';
import type { ResolvedRunbook } from './runbookAccess.js';
import { boundedJsonText, JsonTooLargeError, PLAN_MAX_BYTES } from './runbookJson.js';
import { runbookRunJob, STALE_PLAN_MESSAGE } from './runbookRun.job.js';
import { findRunHolder, insertRunIfTargetFree, setRunJob, settleRunsOfFinishedJobs, type RunOutcome } from './runbookRuns.queries.js';
import { auditRunOutcome } from './runOutcome.js';

/**
 * `runbooks.run`, in the mutation's transaction (with its `runbooks.run_requested` audit
 * row): plan again and refuse a stale plan hash, take the target's lock (the unique
 * index: a second request is told who runs what since when), then queue the run's job,
 * which commits with the row. The job plans once more before it executes.
 */
export async function requestRun(
  trx: DbOrTrx,
  deps: AppDeps,
  audit: AuditRecorder,
  actor: ActionActor,
  runbook: ResolvedRunbook,
  input: Pick<TRunbookRunRequest, 'planHash' | 'reason'>,
  titleOf: (action: string) => string,
): Promise<{ runId: string; jobId: string }> {
  const { spec, params, target } = runbook;
  const plan = await spec.plan({ deps, actor }, params);
  const planHash = planHashOf(plan.state);
  if (planHash !== input.planHash) throw new TRPCError({ code: 'CONFLICT', message: STALE_PLAN_MESSAGE });
  if (plan.empty) throw new TRPCError({ code: 'BAD_REQUEST', message: `Nothing to do: ${plan.summary}` });

  // A run whose job was cancelled before it started would otherwise hold the target.
  for (const settled of await settleRunsOfFinishedJobs(trx, target)) {
    await auditRunOutcome(trx, { ...settled, target }, null, { status: settled.status as RunOutcome['status'], error: settled.error });
  }
  const run = await insertRunIfTargetFree(trx, {
    action: spec.name,
    target,
    paramsJson: boundedJsonText(params, 'The parameters'),
    planJson: planJsonOf(plan),
    planHash,
    requestedBy: actor.id,
    reason: input.reason ?? null,
  });
  if (!run) {
    const holder = await findRunHolder(trx, target);
    const who = holder?.requestedByEmail ?? 'someone';
    const what = holder ? `"${titleOf(holder.action)}" (run ${holder.id}, ${holder.status}) since ${holder.since.toISOString()}` : 'another run';
    throw new TRPCError({ code: 'CONFLICT', message: `${target} is locked: ${who} is running ${what}. One run at a time per target; wait for it to finish or cancel it on the Jobs page.` });
  }
  audit.target('runbook_run', run.id);
  try {
    const job = await enqueueJob(trx, runbookRunJob(deps, spec), { runId: run.id }, { startedBy: actor.id });
    await setRunJob(trx, run.id, job.id);
    audit.change(null, { runId: run.id, jobId: job.id, action: spec.name, target, params, planHash, plan: { summary: plan.summary, steps: plan.steps } });
    return { runId: run.id, jobId: job.id };
  } catch (error) {
    if (error instanceof JobEngineUnavailableError) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message });
    throw error;
  }
}

function planJsonOf(plan: object): string {
  try {
    return boundedJsonText(plan, 'The plan', PLAN_MAX_BYTES);
  } catch (error) {
    if (error instanceof JsonTooLargeError) throw new TRPCError({ code: 'BAD_REQUEST', message: `${error.message}: narrow the parameters.` });
    throw error;
  }
}

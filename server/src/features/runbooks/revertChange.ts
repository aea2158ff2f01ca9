import type { Trx } from '../../db/database.js';
import type { AppDeps } from '../../trpc/context.js';
import type { ActionActor } from '../actionRequests/staffAction.js';
import { removeJobRun } from '../jobs/enqueueJob.js';
import { findJob, finishJob } from '../jobs/jobs.queries.js';
import type { AnyRunbookAction } from './runbookAction.js';
import { lockChange, markChangeReverted } from './temporaryChanges.queries.js';

export type RevertOutcome = { reverted: true; change: { id: string; action: string; description: string; runId: string } } | { reverted: false; status: string };

/**
 * Undoes one temporary change, the same way whether its expiry fired (actor: the
 * system) or someone pressed "revert now" (actor: them). Under the change's row lock,
 * so the two cannot both act; a change that is no longer active is left alone, which
 * makes reverting twice harmless. The action's `revert` is idempotent by contract, so a
 * commit that fails after it ran only means the next attempt runs it again.
 * `byJobId`: the revert job doing this; any other scheduled revert still waiting is cancelled.
 */
export async function revertChange(
  trx: Trx,
  deps: AppDeps,
  actions: ReadonlyMap<string, AnyRunbookAction>,
  changeId: string,
  who: { actor: ActionActor | null; log(line: string): Promise<void>; byJobId: string | null },
): Promise<RevertOutcome | null> {
  const change = await lockChange(trx, changeId);
  if (!change) return null;
  if (change.status !== 'active') {
    await who.log(`Already ${change.status}${change.revertedAt ? ` at ${change.revertedAt.toISOString()}` : ''}: nothing to do.`);
    return { reverted: false, status: change.status };
  }
  const spec = actions.get(change.action);
  if (!spec?.revert) throw new Error(`The runbook action "${change.action}" has no revert on this server.`);
  await who.log(`Reverting: ${change.description}`);
  await spec.revert({ deps, actor: who.actor, log: who.log }, change.revertParams);
  await markChangeReverted(trx, change.id, who.actor?.id ?? null);
  if (change.revertJobId && change.revertJobId !== who.byJobId) {
    const scheduled = await findJob(trx, change.revertJobId);
    if (scheduled?.status === 'queued') {
      const by = who.actor ? `by ${who.actor.email}` : 'by the system';
      await finishJob(trx, scheduled.id, null, { status: 'cancelled', error: `Not needed: the change was reverted early ${by}.` });
      await removeJobRun(trx, scheduled.id);
    }
  }
  await who.log('Reverted.');
  return { reverted: true, change: { id: change.id, action: change.action, description: change.description, runId: change.runId } };
}

import type { AppDeps } from '../../trpc/context.js';
import type { JobKind } from '../jobs/jobKind.js';
import type { AnyRunbookAction } from './runbookAction.js';
import { RUNBOOK_ACTIONS } from './runbookActions.js';
import { runbookRevertJob } from './runbookRevert.job.js';
import { runbookRunJob } from './runbookRun.job.js';

/**
 * The job kinds runbook actions need, built from the app's services (Stripe, Redis…):
 * one run kind per action that changes something, and the revert of temporary changes.
 * main.ts hands them to the job engine beside the built-in kinds; tests pass their own actions.
 */
export function createRunbookJobKinds(deps: AppDeps, actions: readonly AnyRunbookAction[] = RUNBOOK_ACTIONS): JobKind<any>[] {
  return [...actions.filter((action) => !action.readOnly).map((action) => runbookRunJob(deps, action)), runbookRevertJob(deps, runbookActionMap(actions))];
}

export function runbookActionMap(actions: readonly AnyRunbookAction[]): ReadonlyMap<string, AnyRunbookAction> {
  const map = new Map<string, AnyRunbookAction>();
  for (const action of actions) {
    if (map.has(action.name)) throw new Error(`runbook action ${action.name} is defined twice`);
    map.set(action.name, action);
  }
  return map;
}

import { z } from 'zod';
import type { AppDeps } from '../../trpc/context.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { defineJobKind, type JobKind } from '../jobs/jobKind.js';
import type { AnyRunbookAction } from './runbookAction.js';
import { RUNBOOK_REVERT_JOB } from './runbookJobNames.js';
import { revertChange } from './revertChange.js';

/**
 * A temporary change's revert, queued to run at its expiry when the change was made:
 * visible (and cancellable) on the Jobs page. It reverts as the system and audits it.
 * Reverting is idempotent, so a failed attempt is retried and a crash resumes it.
 */
export const ZRunbookRevertJobParams = z.strictObject({ changeId: z.uuid() });
export const CHANGE_REVERTED_AUDIT = 'runbooks.change_reverted';

export function runbookRevertJob(deps: AppDeps, actions: ReadonlyMap<string, AnyRunbookAction>): JobKind<z.infer<typeof ZRunbookRevertJobParams>> {
  return defineJobKind({
    name: RUNBOOK_REVERT_JOB,
    title: 'Revert a temporary runbook change',
    params: ZRunbookRevertJobParams,
    timeoutMs: 5 * 60_000,
    retry: { limit: 5, backoff: { initialMs: 10_000, maxMs: 300_000 } },
    resumable: true,
    async run({ jobId, params, log }) {
      return deps.db.transaction().execute(async (trx) => {
        const outcome = await revertChange(trx, deps, actions, params.changeId, { actor: null, log, byJobId: jobId });
        if (!outcome) throw new Error('This temporary change no longer exists.');
        if (outcome.reverted) {
          await insertAuditEntry(trx, {
            actor: null,
            action: CHANGE_REVERTED_AUDIT,
            target: { type: 'runbook_change', id: outcome.change.id },
            before: { status: 'active' },
            after: { status: 'reverted', action: outcome.change.action, description: outcome.change.description, runId: outcome.change.runId, trigger: 'expiry' },
            result: 'success',
            request: { requestId: `job-${jobId}`, ip: null, userAgent: null },
          });
        }
        return outcome.reverted ? { reverted: true } : { reverted: false, alreadyStatus: outcome.status };
      });
    },
  });
}

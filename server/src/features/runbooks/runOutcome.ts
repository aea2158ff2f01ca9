import type { DbOrTrx } from '../../db/database.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import type { ActionActor } from '../actionRequests/staffAction.js';
import { finishRun, type RunOutcome } from './runbookRuns.queries.js';
import type { RunbookRunRow } from './runbooks.table.js';

/** The audit action of a run's outcome; the request itself is `runbooks.run_requested`. */
export const RUN_FINISHED_AUDIT = 'runbooks.run_finished';

type RunRef = Pick<RunbookRunRow, 'id' | 'action' | 'target' | 'jobId'>;
type Outcome = RunOutcome & { summary?: string | null };

/**
 * Records how a run ended, with its audit row, in one transaction; once only (a second
 * call, e.g. the work finishing after its timeout was recorded, changes nothing). The
 * actor is the staff member the run acted for; the request id names the job.
 */
export async function recordRunOutcome(db: DbOrTrx, run: RunRef, actor: ActionActor | null, outcome: Outcome): Promise<boolean> {
  const write = async (trx: DbOrTrx) => {
    if (!(await finishRun(trx, run.id, outcome))) return false;
    await auditRunOutcome(trx, run, actor, outcome);
    return true;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

export async function auditRunOutcome(trx: DbOrTrx, run: RunRef, actor: ActionActor | null, outcome: Outcome): Promise<void> {
  await insertAuditEntry(trx, {
    actor,
    action: RUN_FINISHED_AUDIT,
    target: { type: 'runbook_run', id: run.id },
    after: { action: run.action, target: run.target, status: outcome.status, summary: outcome.summary ?? null },
    result: outcome.status === 'succeeded' ? 'success' : 'failure',
    error: outcome.error ?? null,
    request: { requestId: `job-${run.jobId ?? 'none'}`, ip: null, userAgent: null },
  });
}

import { TRPCError } from '@trpc/server';
import type { TReconciliationRun } from '@opsdesk/shared';
import type { AppDeps } from '../../../trpc/context.js';
import type { AuditRecorder } from '../../../trpc/auditMutations.js';
import { enqueueJob, JobEngineUnavailableError } from '../../jobs/enqueueJob.js';
import { findRevenueSettings } from '../revenueRows.queries.js';
import { countMirrorSubscriptions } from './reconciliationCompare.queries.js';
import { findRun, insertRunOrFindActive, setRunJob } from './reconciliationRuns.queries.js';
import { revenueReconcileJob } from './revenueReconcile.job.js';

/**
 * Queues the day's run and its job (or finds the run already queued or running: one
 * per day at a time), and audits the request, all in one transaction: a run is never
 * without its job, nor a job without its run. Answers at once with the run; the job
 * engine does the work. `intentFirst` on the procedure: a refused start is audited too.
 */
export async function startReconciliation(deps: AppDeps, audit: AuditRecorder, staffId: string, day: string): Promise<{ run: TReconciliationRun; created: boolean }> {
  const [settings, mirrorSubscriptions] = await Promise.all([findRevenueSettings(deps.db), countMirrorSubscriptions(deps.db)]);
  try {
    const { id, created } = await deps.db.transaction().execute(async (trx) => {
      const queued = await insertRunOrFindActive(trx, { day, currency: settings.currency, requestedBy: staffId, progressTotal: mirrorSubscriptions });
      // Enqueuing needs only the kind's name and parameters; the engine runs the kind main.ts built.
      if (queued.created) await setRunJob(trx, queued.id, (await enqueueJob(trx, revenueReconcileJob(deps), { runId: queued.id }, { startedBy: staffId })).id);
      audit.target('revenue_reconciliation', queued.id);
      await audit.writeNow(trx, 'success', { before: null, after: { runId: queued.id, day, alreadyActive: !queued.created } });
      return queued;
    });
    return { run: (await findRun(deps.db, id))!, created };
  } catch (error) {
    if (error instanceof JobEngineUnavailableError) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message });
    throw error;
  }
}

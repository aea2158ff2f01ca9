import type { TReconciliationRun } from '@opsdesk/shared';
import type { AppDeps } from '../../../trpc/context.js';
import type { AuditRecorder } from '../../../trpc/auditMutations.js';
import { findRevenueSettings } from '../revenueRows.queries.js';
import { countMirrorSubscriptions } from './reconciliationCompare.queries.js';
import { kickReconciliationRunner } from './reconciliationRunner.js';
import { findRun, insertRunOrFindActive } from './reconciliationRuns.queries.js';

/**
 * Queues the day's run (or finds the one already queued or running), audits the
 * request in the same transaction, and only after the commit kicks the runner, which
 * must see the row: why the procedure is `intentFirst` (no surrounding transaction).
 * Answers at once with the run; the work happens in the background.
 */
export async function startReconciliation(deps: AppDeps, audit: AuditRecorder, staffId: string, day: string): Promise<{ run: TReconciliationRun; created: boolean }> {
  const [settings, mirrorSubscriptions] = await Promise.all([findRevenueSettings(deps.db), countMirrorSubscriptions(deps.db)]);
  const { id, created } = await deps.db.transaction().execute(async (trx) => {
    const queued = await insertRunOrFindActive(trx, { day, currency: settings.currency, requestedBy: staffId, progressTotal: mirrorSubscriptions });
    audit.target('revenue_reconciliation', queued.id);
    await audit.writeNow(trx, 'success', { before: null, after: { runId: queued.id, day, alreadyActive: !queued.created } });
    return queued;
  });
  await kickReconciliationRunner(deps);
  return { run: (await findRun(deps.db, id))!, created };
}

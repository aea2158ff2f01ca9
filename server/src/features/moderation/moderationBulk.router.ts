import {
  ZModerationBulkCancelRequestSchema,
  ZModerationBulkEstimateRequestSchema,
  ZModerationBulkGetRequestSchema,
  ZModerationBulkListRequestSchema,
  ZModerationBulkStartRequestSchema,
} from '@opsdesk/shared';
import type { Trx } from '../../db/database.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { cancelBulkRun, estimateBulk, listBulkRuns, loadBulkRun, startBulkRun } from './moderationBulk.service.js';

/**
 * `moderation.bulk` (docs/moderation.md, "Bulk actions"): one decision over chosen entries
 * or "all N matching" a filter, run on the server as a durable job (moderation.bulk) over
 * the set frozen when it starts. Reads need moderation.read; start and cancel need
 * moderation.decide and are audited.
 *
 * For the console (shared/src/moderation/moderationBulk.schemas.ts):
 * - estimate { filter: { reasonGroup?, bucket?, reportReason?, search? } } → { estimate, exact }
 * - start { selection: { kind: 'entries', entryIds } | { kind: 'filter', filter, estimate }, reasonCode, reason, facts? }
 *     → { runId, jobId, decisionType }
 * - get { runId, itemStatus?, cursor?, limit? } → { run, items: [{ queueEntryId, subjectType, subjectId,
 *     status: pending|done|skipped|failed, reason, decisionId, processedAt }], nextCursor }
 *   run: { id, jobId, status (the job's), error, selection, filter, entryCount, reasonCode, decisionType, reason,
 *     facts, requestedBy, estimate, total, frozenAt, done, skipped, failed, pending, createdAt, finishedAt }
 * - list { cursor?, limit? } → { runs: run[], nextCursor }
 * - cancel { runId } → { runId, status: 'cancelled' | 'cancelling' }
 */
const read = staffProcedure.meta({ permission: 'moderation.read' });
const change = (action: string) => staffProcedure.meta({ permission: 'moderation.decide', audit: { action, targetType: 'moderation_bulk_run' } });

export const moderationBulkRouter = router({
  estimate: read.input(ZModerationBulkEstimateRequestSchema).query(({ ctx, input }) => estimateBulk(ctx.db, input.filter)),
  start: change('moderation.bulk_started')
    .input(ZModerationBulkStartRequestSchema)
    .mutation(({ ctx, input }) => startBulkRun(ctx.db as Trx, ctx.audit, { id: ctx.session.staff.id, label: ctx.session.staff.email }, input)),
  get: read.input(ZModerationBulkGetRequestSchema).query(({ ctx, input }) => loadBulkRun(ctx.db, input)),
  list: read.input(ZModerationBulkListRequestSchema).query(({ ctx, input }) => listBulkRuns(ctx.db, input)),
  cancel: change('moderation.bulk_cancelled')
    .input(ZModerationBulkCancelRequestSchema)
    .mutation(({ ctx, input }) => cancelBulkRun(ctx.db as Trx, ctx.audit, ctx.session.staff.id, input.runId)),
});

import { TRPCError } from '@trpc/server';
import type { TModerationBulkFilter, ZModerationBulkGetRequestSchema, ZModerationBulkStartRequestSchema } from '@opsdesk/shared';
import type { z } from 'zod';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { cancelJob } from '../jobs/cancelJob.js';
import { enqueueJob, JobEngineUnavailableError } from '../jobs/enqueueJob.js';
import type { Moderator } from './moderationClaims.service.js';
import { moderationBulkJob } from './moderationBulk.job.js';
import { findBulkItems, findBulkRun, findBulkRuns, insertBulkRun, plannerEstimate, setBulkRunJob, sumQueueCounters, type BulkRunWithJob } from './moderationBulk.queries.js';
import { findActiveReasonCode } from './moderationPolicy.queries.js';

/**
 * Bulk runs for the router (docs/moderation.md, "Bulk actions"): the estimate shown before
 * "all N matching", starting a run (its job queued in the caller's transaction, with the
 * audit row), the run with its progress and a page of per-item results, and cancel.
 */

/** N for "all N matching": exact from the queue counters when they cover the filter, else the planner's guess. */
export async function estimateBulk(db: DbOrTrx, filter: TModerationBulkFilter) {
  const countersCover = filter.reportReason === undefined && filter.search === undefined;
  return countersCover ? { estimate: await sumQueueCounters(db, filter), exact: true } : { estimate: await plannerEstimate(db, filter), exact: false };
}

export async function startBulkRun(trx: Trx, audit: AuditRecorder, requester: Moderator, input: z.output<typeof ZModerationBulkStartRequestSchema>) {
  const policy = await findActiveReasonCode(trx, input.reasonCode);
  if (!policy) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${input.reasonCode}" is not an active reason code of the policy table.` });
  if (policy.decisionType === 'suspend_author' || policy.decisionType === 'ban_author') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Bulk runs decide content; suspending or banning authors goes through the customer account actions and their approval rules.' });
  }
  const selection = input.selection;
  const runId = await insertBulkRun(trx, {
    selection: selection.kind,
    filter: selection.kind === 'filter' ? selection.filter : null,
    entryIds: selection.kind === 'entries' ? [...new Set(selection.entryIds)] : null,
    reasonCode: policy.code,
    decisionType: policy.decisionType,
    reason: input.reason,
    facts: input.facts ?? null,
    requestedBy: requester.id,
    requestedByLabel: requester.label,
    estimate: selection.kind === 'filter' ? selection.estimate : selection.entryIds.length,
  });
  const job = await enqueueJob(trx, moderationBulkJob, { runId }, { startedBy: requester.id }).catch((error: unknown) => {
    if (error instanceof JobEngineUnavailableError) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message });
    throw error;
  });
  await setBulkRunJob(trx, runId, job.id);
  audit.target('moderation_bulk_run', runId);
  audit.change(null, { jobId: job.id, selection: selection.kind === 'filter' ? { filter: selection.filter, estimate: selection.estimate } : { entries: selection.entryIds.length }, reasonCode: policy.code, decisionType: policy.decisionType });
  return { runId, jobId: job.id, decisionType: policy.decisionType };
}

export async function cancelBulkRun(trx: Trx, audit: AuditRecorder, staffId: string, runId: string) {
  const run = await findBulkRun(trx, runId);
  if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such bulk run.' });
  if (!run.jobId) throw new TRPCError({ code: 'CONFLICT', message: 'This run finished long ago (its job record was pruned).' });
  const cancelled = await cancelJob(trx, audit, run.jobId, staffId);
  audit.target('moderation_bulk_run', runId);
  return { runId, status: cancelled.status };
}

export function bulkRunView(run: BulkRunWithJob) {
  return {
    id: run.id,
    jobId: run.jobId,
    /** The job's status (queued, running, succeeded, failed, cancelled, timed_out); null once the job record is pruned. */
    status: run.jobStatus,
    error: run.jobError,
    selection: run.selection,
    filter: run.filter,
    entryCount: run.entryIds?.length ?? null,
    reasonCode: run.reasonCode,
    decisionType: run.decisionType,
    reason: run.reason,
    facts: run.facts,
    requestedBy: run.requestedByLabel,
    estimate: run.estimate,
    /** Null until the job has frozen the set. */
    total: run.total,
    frozenAt: run.frozenAt?.toISOString() ?? null,
    done: run.doneCount,
    skipped: run.skippedCount,
    failed: run.failedCount,
    pending: run.total === null ? null : run.total - run.doneCount - run.skippedCount - run.failedCount,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export async function loadBulkRun(db: DbOrTrx, input: z.output<typeof ZModerationBulkGetRequestSchema>) {
  const run = await findBulkRun(db, input.runId);
  if (!run) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such bulk run.' });
  const items = await findBulkItems(db, run.id, { status: input.itemStatus, afterEntryId: input.cursor, limit: input.limit + 1 });
  const page = items.slice(0, input.limit);
  return {
    run: bulkRunView(run),
    items: page.map((item) => ({ ...item, processedAt: item.processedAt?.toISOString() ?? null })),
    nextCursor: items.length > input.limit ? page.at(-1)!.queueEntryId : null,
  };
}

export async function listBulkRuns(db: DbOrTrx, input: { cursor?: string; limit: number }) {
  const runs = await findBulkRuns(db, input.cursor, input.limit + 1);
  const page = runs.slice(0, input.limit);
  return { runs: page.map(bulkRunView), nextCursor: runs.length > input.limit ? page.at(-1)!.id : null };
}

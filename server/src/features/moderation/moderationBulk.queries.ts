import { sql, type RawBuilder } from 'kysely';
import type { TModerationBulkFilter, TModerationBulkItemStatus } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** Every query of bulk runs (migration 0026_moderation_bulk); snake_case rows arrive camelCased. */
export interface BulkRunRow {
  id: string;
  jobId: string | null;
  selection: 'entries' | 'filter';
  filter: TModerationBulkFilter | null;
  entryIds: string[] | null;
  reasonCode: string;
  decisionType: string;
  reason: string;
  facts: string | null;
  requestedBy: string;
  requestedByLabel: string;
  estimate: number | null;
  total: number | null;
  frozenAt: Date | null;
  doneCount: number;
  skippedCount: number;
  failedCount: number;
  createdAt: Date;
}

export interface BulkRunWithJob extends BulkRunRow {
  jobStatus: string | null;
  jobError: string | null;
  finishedAt: Date | null;
}

export type NewBulkRun = Pick<BulkRunRow, 'selection' | 'filter' | 'entryIds' | 'reasonCode' | 'decisionType' | 'reason' | 'facts' | 'requestedBy' | 'requestedByLabel' | 'estimate'>;

export async function insertBulkRun(trx: Trx, run: NewBulkRun): Promise<string> {
  const rows = await sql<{ id: string }>`
    insert into ops.moderation_bulk_runs (selection, filter, entry_ids, reason_code, decision_type, reason, facts, requested_by, requested_by_label, estimate)
    values (${run.selection}, ${run.filter ? JSON.stringify(run.filter) : null}::jsonb, ${run.entryIds}::bigint[], ${run.reasonCode}, ${run.decisionType}, ${run.reason}, ${run.facts}, ${run.requestedBy}, ${run.requestedByLabel}, ${run.estimate})
    returning id`.execute(trx);
  return rows.rows[0]!.id;
}

export async function setBulkRunJob(trx: Trx, runId: string, jobId: string): Promise<void> {
  await sql`update ops.moderation_bulk_runs set job_id = ${jobId} where id = ${runId}`.execute(trx);
}

/**
 * Live entries (open or claimed) the filter selects; `q` is the queue, `c` the content
 * (joined only when searching). The same predicate freezes a run and feeds the planner.
 */
function filterSql(filter: TModerationBulkFilter): { join: RawBuilder<unknown>; where: RawBuilder<unknown> } {
  const like = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%` : null;
  return {
    join: filter.search ? sql`left join app.content c on q.subject_type = 'content' and c.id = q.subject_id::uuid` : sql``,
    where: sql`q.status <> 'decided'
      ${filter.reasonGroup ? sql`and q.reason_group = ${filter.reasonGroup}` : sql``}
      ${filter.bucket ? sql`and q.bucket = ${filter.bucket}` : sql``}
      ${filter.reportReason ? sql`and ${filter.reportReason} = any(q.reason_codes)` : sql``}
      ${filter.search ? sql`and (q.subject_id = ${filter.search} or lower(coalesce(c.title, '')) like ${like} or lower(c.body) like ${like})` : sql``}`,
  };
}

/** Exact, from the sharded counters the queue trigger keeps: only for filters on reason group and bucket. */
export async function sumQueueCounters(db: DbOrTrx, filter: Pick<TModerationBulkFilter, 'reasonGroup' | 'bucket'>): Promise<number> {
  const rows = await sql<{ entries: string | null }>`
    select sum(entries) as entries from ops.moderation_queue_counts where true
    ${filter.reasonGroup ? sql`and reason_group = ${filter.reasonGroup}` : sql``}
    ${filter.bucket ? sql`and bucket = ${filter.bucket}` : sql``}`.execute(db);
  return Number(rows.rows[0]?.entries ?? 0);
}

/** The planner's row estimate for the filter (EXPLAIN, nothing is read): never a count. */
export async function plannerEstimate(db: DbOrTrx, filter: TModerationBulkFilter): Promise<number> {
  const { join, where } = filterSql(filter);
  const rows = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) select q.id from ops.moderation_queue q ${join} where ${where}`.execute(db);
  // EXPLAIN answers one text (or json) value: [{ "Plan": { "Plan Rows": n, … } }].
  const answer = rows.rows[0]!['QUERY PLAN'];
  const plan = (typeof answer === 'string' ? JSON.parse(answer) : answer) as [{ Plan: { 'Plan Rows': number } }];
  return Math.round(plan[0].Plan['Plan Rows']);
}

export async function lockBulkRun(trx: Trx, runId: string): Promise<BulkRunRow | undefined> {
  const rows = await sql<BulkRunRow>`select * from ops.moderation_bulk_runs where id = ${runId} for update`.execute(trx);
  return rows.rows[0];
}

/**
 * Freezes the run's set in one insert … select: the filter's live entries as of now, or
 * the chosen entries that exist (decided ones too, so they are reported as skipped).
 */
export async function freezeBulkItems(trx: Trx, run: BulkRunRow): Promise<number> {
  let inserted: { numAffectedRows?: bigint };
  if (run.selection === 'entries') {
    inserted = await sql`
      insert into ops.moderation_bulk_items (run_id, queue_entry_id)
      select ${run.id}::bigint, q.id from ops.moderation_queue q where q.id = any(${run.entryIds}::bigint[])`.execute(trx);
  } else {
    const { join, where } = filterSql(run.filter!);
    inserted = await sql`
      insert into ops.moderation_bulk_items (run_id, queue_entry_id)
      select ${run.id}::bigint, q.id from ops.moderation_queue q ${join} where ${where}`.execute(trx);
  }
  const total = Number(inserted.numAffectedRows ?? 0n);
  await sql`update ops.moderation_bulk_runs set total = ${total}, frozen_at = now() where id = ${run.id}`.execute(trx);
  return total;
}

/** The next pending items in entry order (the index's order), after `afterEntryId`. */
export async function findPendingItems(db: DbOrTrx, runId: string, afterEntryId: string, limit: number): Promise<string[]> {
  const rows = await sql<{ queueEntryId: string }>`
    select queue_entry_id from ops.moderation_bulk_items
    where run_id = ${runId} and status = 'pending' and queue_entry_id > ${afterEntryId}::bigint
    order by queue_entry_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.queueEntryId);
}

/** Locks the item if it is still pending: false when a previous attempt already settled it. */
export async function lockPendingItem(trx: Trx, runId: string, entryId: string): Promise<boolean> {
  const rows = await sql`select 1 from ops.moderation_bulk_items where run_id = ${runId} and queue_entry_id = ${entryId} and status = 'pending' for update`.execute(trx);
  return rows.rows.length > 0;
}

export async function settleItem(trx: Trx, runId: string, entryId: string, outcome: { status: Exclude<TModerationBulkItemStatus, 'pending'>; reason: string | null; decisionId?: string }): Promise<void> {
  await sql`
    update ops.moderation_bulk_items set status = ${outcome.status}, reason = ${outcome.reason}, decision_id = ${outcome.decisionId ?? null}, processed_at = now()
    where run_id = ${runId} and queue_entry_id = ${entryId} and status = 'pending'`.execute(trx);
}

export async function addToRunCounters(trx: Trx, runId: string, counts: { done: number; skipped: number; failed: number }): Promise<void> {
  await sql`
    update ops.moderation_bulk_runs set done_count = done_count + ${counts.done}, skipped_count = skipped_count + ${counts.skipped}, failed_count = failed_count + ${counts.failed}
    where id = ${runId}`.execute(trx);
}

/** Who decided an entry, or who holds it, for the item's skip reason. */
export async function findDecider(trx: Trx, entryId: string): Promise<string | null> {
  const rows = await sql<{ label: string }>`select decided_by_label || ' (' || decision_type || ')' as label from ops.moderation_decisions where queue_entry_id = ${entryId}`.execute(trx);
  return rows.rows[0]?.label ?? null;
}

export async function findStaffEmail(trx: Trx, staffId: string): Promise<string | null> {
  const rows = await sql<{ email: string }>`select email from ops.staff where id = ${staffId}`.execute(trx);
  return rows.rows[0]?.email ?? null;
}

const runWithJob = sql`
  select r.*, j.status as job_status, j.error as job_error, j.finished_at
  from ops.moderation_bulk_runs r left join ops.jobs j on j.id = r.job_id`;

export async function findBulkRun(db: DbOrTrx, runId: string): Promise<BulkRunWithJob | undefined> {
  const rows = await sql<BulkRunWithJob>`${runWithJob} where r.id = ${runId}`.execute(db);
  return rows.rows[0];
}

export async function findBulkRuns(db: DbOrTrx, beforeRunId: string | undefined, limit: number): Promise<BulkRunWithJob[]> {
  const rows = await sql<BulkRunWithJob>`${runWithJob} ${beforeRunId ? sql`where r.id < ${beforeRunId}::bigint` : sql``} order by r.id desc limit ${limit}`.execute(db);
  return rows.rows;
}

export interface BulkItemRow {
  queueEntryId: string;
  subjectType: string;
  subjectId: string;
  status: TModerationBulkItemStatus;
  reason: string | null;
  decisionId: string | null;
  processedAt: Date | null;
}

/** One keyset page of a run's items in entry order, optionally of one status. */
export async function findBulkItems(db: DbOrTrx, runId: string, options: { status?: TModerationBulkItemStatus; afterEntryId?: string; limit: number }): Promise<BulkItemRow[]> {
  const rows = await sql<BulkItemRow>`
    select i.queue_entry_id, q.subject_type, q.subject_id, i.status, i.reason, i.decision_id, i.processed_at
    from ops.moderation_bulk_items i join ops.moderation_queue q on q.id = i.queue_entry_id
    where i.run_id = ${runId}
      ${options.status ? sql`and i.status = ${options.status}` : sql``}
      ${options.afterEntryId ? sql`and i.queue_entry_id > ${options.afterEntryId}::bigint` : sql``}
    order by i.queue_entry_id limit ${options.limit}`.execute(db);
  return rows.rows;
}

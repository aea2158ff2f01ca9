import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { baseScore, bucketOf, priorityKey } from './moderationPriority.js';

/** Any fixed number: the sync holds this transaction-scoped advisory lock so two syncs never interleave. */
const SYNC_LOCK = 0x6d6f6431;

type SubjectType = 'content' | 'account';

/** A subject type's open product reports not yet queued, with severity and reporter reliability: one batch. */
function freshReports(subjectType: SubjectType, batch: number) {
  const subject =
    subjectType === 'content'
      ? sql`r.content_id::text as subject_id, c.user_id::text as author_user_id`
      : sql`r.reported_user_id::text as subject_id, r.reported_user_id::text as author_user_id`;
  const source = subjectType === 'content' ? sql`app.content_reports r join app.content c on c.id = r.content_id` : sql`app.account_reports r`;
  return sql`
      select r.id::text as report_id, ${subject},
             r.reporter_user_id::text as reporter_user_id, r.reason_code, r.created_at,
             coalesce(rc.severity, 30) as severity, coalesce(rc.reason_group, 'other') as reason_group,
             (coalesce(s.upheld, 0) + 1)::float8 / (coalesce(s.reports, 0) + 2) as reliability
      from ${source}
      left join ops.moderation_reason_codes rc on rc.code = r.reason_code
      left join ops.moderation_reporter_stats s on s.reporter_user_id = r.reporter_user_id::text
      where r.status = 'open' and not exists (select 1 from ops.moderation_queue_reports l where l.report_id = r.id::text)
      limit ${batch}`;
}

/**
 * Moves open product reports not yet queued into queue entries, one batch: all open
 * reports on one subject (a content item, or a reported account) become (or join) its
 * live entry, with the same priority formula either way. Returns how many reports were
 * taken; callers loop until it answers fewer than `batch`.
 */
export async function syncReportBatch(trx: Trx, batch: number, subjectType: SubjectType = 'content'): Promise<number> {
  await sql`select pg_advisory_xact_lock(${SYNC_LOCK})`.execute(trx);
  const v = (column: string) => sql.ref(`excluded.${column}`);
  const q = (column: string) => sql.ref(`q.${column}`);
  const mergedReliability = sql`((${q('reliability')} * ${q('report_count')} + ${v('reliability')} * ${v('report_count')}) / (${q('report_count')} + ${v('report_count')}))`;
  const mergedCount = sql`(${q('report_count')} + ${v('report_count')})`;
  const mergedSeverity = sql`greatest(${q('severity')}, ${v('severity')})`;
  const mergedBase = baseScore(mergedSeverity, mergedCount, mergedReliability);
  const freshBase = baseScore(sql.ref('g.severity'), sql.ref('g.reports'), sql.ref('g.reliability'));
  const result = await sql<{ taken: string }>`
    with fresh as materialized (${freshReports(subjectType, batch)}
    ), grouped as (
      select subject_id, min(author_user_id) as author_user_id, array_agg(distinct reason_code) as reason_codes,
             max(severity) as severity, (array_agg(reason_group order by severity desc))[1] as reason_group,
             count(*) as reports, avg(reliability) as reliability, min(created_at) as first_at, max(created_at) as last_at
      from fresh group by subject_id
    ), upserted as (
      insert into ops.moderation_queue as q (subject_type, subject_id, author_user_id, reason_group, reason_codes, severity, report_count, reliability, priority, bucket, first_reported_at, last_reported_at)
      select ${subjectType}::text, g.subject_id, g.author_user_id, g.reason_group, g.reason_codes, g.severity, g.reports, g.reliability,
             ${priorityKey(freshBase, sql.ref('g.first_at'))}, ${bucketOf(freshBase)}, g.first_at, g.last_at
      from grouped g
      on conflict (subject_type, subject_id) where status <> 'decided' do update set
        reason_codes = (select array_agg(distinct code) from unnest(${q('reason_codes')} || ${v('reason_codes')}) code),
        reason_group = case when ${v('severity')} > ${q('severity')} then ${v('reason_group')} else ${q('reason_group')} end,
        severity = ${mergedSeverity},
        report_count = ${mergedCount},
        reliability = ${mergedReliability},
        priority = ${priorityKey(mergedBase, sql`least(${q('first_reported_at')}, ${v('first_reported_at')})`)},
        bucket = ${bucketOf(mergedBase)},
        first_reported_at = least(${q('first_reported_at')}, ${v('first_reported_at')}),
        last_reported_at = greatest(${q('last_reported_at')}, ${v('last_reported_at')})
      returning q.id, q.subject_id
    ), linked as (
      insert into ops.moderation_queue_reports (report_id, queue_entry_id, reporter_user_id, reason_code, created_at)
      select f.report_id, u.id, f.reporter_user_id, f.reason_code, f.created_at from fresh f join upserted u using (subject_id)
      returning report_id
    ), logged as (
      insert into ops.moderation_events (subject_type, subject_id, kind, queue_entry_id, actor_label, data, created_at)
      select ${subjectType}::text, f.subject_id, 'report_received', u.id, 'product',
             jsonb_build_object('reportId', f.report_id, 'reasonCode', f.reason_code, 'reporterUserId', f.reporter_user_id), f.created_at
      from fresh f join upserted u using (subject_id)
    )
    select count(*) as taken from linked`.execute(trx);
  return Number(result.rows[0]?.taken ?? 0);
}

/**
 * Every open report queued, content reports then account reports, in batches (each its
 * own transaction, so a big backlog commits as it goes).
 */
export async function syncOpenReports(db: DbOrTrx, options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const batch = options.batch ?? 10_000;
  // A product without content reports (docs/product-schema.md) has nothing to queue: not an
  // error every minute; account reports are optional on their own (app.account_reports).
  const { rows } = await sql<{ content: boolean; account: boolean }>`
    select to_regclass('app.content_reports') is not null and to_regclass('app.content') is not null as content,
           to_regclass('app.account_reports') is not null as account`.execute(db);
  const sources = (['content', 'account'] as const).filter((type) => rows[0]?.[type]);
  let total = 0;
  for (const subjectType of sources) {
    for (;;) {
      options.signal?.throwIfAborted();
      const taken = db.isTransaction ? await syncReportBatch(db as Trx, batch, subjectType) : await db.transaction().execute((trx) => syncReportBatch(trx, batch, subjectType));
      total += taken;
      if (taken < batch) break;
    }
  }
  return total;
}

import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import { baseScore, bucketOf, priorityKey } from './moderationPriority.js';

/**
 * What a live rule does to the product and the queue. Entries a rule opens have no
 * reports yet; the report sync later folds reports into the same live entry. Raising
 * priority raises the entry's severity (the sync keeps the greater severity when it
 * merges, so the raise survives new reports) and re-ranks it.
 */

/** Severity points a `raise_priority` rule adds (2 points of score each: +40). */
export const RULE_SEVERITY_RAISE = 20;

/** Hides visible content; answers the status it had (`undefined` when the item is gone). */
export async function hideVisibleContent(trx: Trx, contentId: string): Promise<string | undefined> {
  const { rows } = await sql<{ before: string }>`
    update app.content c set status = 'hidden' from (select id, status from app.content where id = ${contentId}::uuid for update) old
    where c.id = old.id returning old.status as before`.execute(trx);
  return rows[0]?.before;
}

/** The subject's live queue entry, opened (under the rule's reason code) when there is none. */
export async function ensureLiveEntry(trx: Trx, subject: { contentId: string; authorUserId: string }, reasonCode: string): Promise<{ id: string; opened: boolean }> {
  const severity = sql`coalesce(rc.severity, 30)`;
  const base = baseScore(severity, sql`0`, sql`0.5`);
  const { rows } = await sql<{ id: string }>`
    insert into ops.moderation_queue (subject_type, subject_id, author_user_id, reason_group, reason_codes, severity, report_count, reliability, priority, bucket, first_reported_at, last_reported_at)
    select 'content', ${subject.contentId}, ${subject.authorUserId}, coalesce(rc.reason_group, 'other'), array[${reasonCode}]::text[], ${severity}, 0, 0.5,
           ${priorityKey(base, sql`now()`)}, ${bucketOf(base)}, now(), now()
    from (select ${reasonCode}::text as code) wanted left join ops.moderation_reason_codes rc on rc.code = wanted.code
    on conflict (subject_type, subject_id) where status <> 'decided' do nothing
    returning id::text`.execute(trx);
  if (rows[0]) return { id: rows[0].id, opened: true };
  const live = await sql<{ id: string }>`
    select id::text from ops.moderation_queue where subject_type = 'content' and subject_id = ${subject.contentId} and status <> 'decided'`.execute(trx);
  return { id: live.rows[0]!.id, opened: false };
}

/** Adds RULE_SEVERITY_RAISE to the entry's severity (capped at 100) and moves its priority and bucket with it. */
export async function raiseEntrySeverity(trx: Trx, entryId: string): Promise<{ severityBefore: number; severityAfter: number }> {
  const { rows } = await sql<{ severityBefore: number; severityAfter: number }>`
    update ops.moderation_queue q set
      severity = least(100, old.severity + ${RULE_SEVERITY_RAISE}),
      priority = old.priority + 2 * (least(100, old.severity + ${RULE_SEVERITY_RAISE}) - old.severity),
      bucket = ${bucketOf(sql`(old.priority + 2 * (least(100, old.severity + ${RULE_SEVERITY_RAISE}) - old.severity) - ${priorityKey(sql`0`, sql.ref('old.first_reported_at'))})`)}
    from (select id, severity, priority, first_reported_at from ops.moderation_queue where id = ${entryId} for update) old
    where q.id = old.id returning old.severity as severity_before, q.severity as severity_after`.execute(trx);
  return rows[0]!;
}

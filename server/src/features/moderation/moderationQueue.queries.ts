import { sql } from 'kysely';
import { MODERATION_LEASE_SECONDS, type TModerationPriorityBucket, type TModerationQueueStatus } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** One queue entry as stored (snake_case mapped by the CamelCasePlugin). */
export interface QueueEntryRow {
  id: string;
  subjectType: 'content' | 'account';
  subjectId: string;
  authorUserId: string | null;
  reasonGroup: string;
  reasonCodes: string[];
  severity: number;
  reportCount: number;
  reliability: number;
  priority: number;
  bucket: TModerationPriorityBucket;
  status: TModerationQueueStatus;
  claimedBy: string | null;
  claimedAt: Date | null;
  leaseExpiresAt: Date | null;
  firstReportedAt: Date;
  lastReportedAt: Date;
  decidedAt: Date | null;
}

const lease = sql`now() + make_interval(secs => ${MODERATION_LEASE_SECONDS})`;

/**
 * "Next item" in one statement (one round trip: claims are the hot path). If the
 * moderator already holds a live entry with a valid lease, that entry (one at a time, so
 * nobody hoards the top of the queue). Otherwise it claims the highest-priority entry
 * nobody holds (open, or claimed with an expired lease) without a race: SKIP LOCKED makes
 * concurrent callers take different rows, and the status test is re-checked on the
 * locked row. The claim (and the expiry of a previous holder's lease) go to the event log
 * in the same statement.
 */
export async function claimNextEntry(trx: Trx, moderator: { id: string; label: string }, reasonGroup?: string): Promise<(QueueEntryRow & { previousHolder: string | null; alreadyHeld: boolean }) | undefined> {
  const rows = await sql<QueueEntryRow & { previousHolder: string | null; alreadyHeld: boolean }>`
    with held as (
      select * from ops.moderation_queue
      where status = 'claimed' and claimed_by = ${moderator.id} and lease_expires_at > now()
      order by claimed_at limit 1
    ), candidate as (
      select id, claimed_by as previous_holder from ops.moderation_queue
      where not exists (select 1 from held)
        and status <> 'decided' and (status = 'open' or lease_expires_at <= now())
        ${reasonGroup ? sql`and reason_group = ${reasonGroup}` : sql``}
      order by priority desc, id desc
      limit 1
      for update skip locked
    ), claimed as (
      update ops.moderation_queue q
      set status = 'claimed', claimed_by = ${moderator.id}, claimed_at = now(), lease_expires_at = ${lease}
      from candidate where q.id = candidate.id
      returning q.*, candidate.previous_holder
    ), logged as (
      -- A lease that expired is logged before the new claim (ids follow the select's order).
      insert into ops.moderation_events (subject_type, subject_id, kind, queue_entry_id, actor_id, actor_label, data)
      select c.subject_type, c.subject_id, e.kind, c.id, e.actor_id, e.actor_label, e.data
      from claimed c cross join lateral (values
        (1, 'lease_expired', null::uuid, 'opsdesk', jsonb_build_object('previousHolder', c.previous_holder)),
        (2, 'claimed', ${moderator.id}::uuid, ${moderator.label}, jsonb_build_object('leaseExpiresAt', c.lease_expires_at))
      ) as e(ord, kind, actor_id, actor_label, data)
      where e.kind = 'claimed' or c.previous_holder is not null
      order by e.ord
    )
    select claimed.*, false as already_held from claimed
    union all
    select held.*, null::uuid as previous_holder, true as already_held from held`.execute(trx);
  return rows.rows[0];
}

/** Locks one entry for a change by its holder (decide, renew, release, note). */
export async function lockEntry(trx: Trx, entryId: string): Promise<(QueueEntryRow & { leaseValid: boolean; databaseNow: Date }) | undefined> {
  // The lease is compared with the database's clock, never the app server's.
  const rows = await sql<QueueEntryRow & { leaseValid: boolean; databaseNow: Date }>`
    select *, coalesce(lease_expires_at > now(), false) as lease_valid, now() as database_now from ops.moderation_queue where id = ${entryId} for update`.execute(trx);
  return rows.rows[0];
}

export async function findEntry(db: DbOrTrx, entryId: string): Promise<QueueEntryRow | undefined> {
  const rows = await sql<QueueEntryRow>`select * from ops.moderation_queue where id = ${entryId}`.execute(db);
  return rows.rows[0];
}

export async function extendLease(trx: Trx, entryId: string): Promise<Date> {
  const rows = await sql<{ leaseExpiresAt: Date }>`update ops.moderation_queue set lease_expires_at = ${lease} where id = ${entryId} returning lease_expires_at`.execute(trx);
  return rows.rows[0]!.leaseExpiresAt;
}

export async function releaseEntry(trx: Trx, entryId: string): Promise<void> {
  await sql`update ops.moderation_queue set status = 'open', claimed_by = null, claimed_at = null, lease_expires_at = null where id = ${entryId}`.execute(trx);
}

export async function markEntryDecided(trx: Trx, entryId: string): Promise<void> {
  await sql`update ops.moderation_queue set status = 'decided', decided_at = now(), claimed_by = null, claimed_at = null, lease_expires_at = null where id = ${entryId}`.execute(trx);
}

/** Live entries per reason group and bucket, summed from the sharded counters the trigger keeps (never a count of the queue). */
export async function findQueueCounts(db: DbOrTrx): Promise<{ reasonGroup: string; bucket: TModerationPriorityBucket; entries: number }[]> {
  const rows = await sql<{ reasonGroup: string; bucket: TModerationPriorityBucket; entries: string }>`
    select reason_group, bucket, sum(entries) as entries from ops.moderation_queue_counts
    group by reason_group, bucket having sum(entries) > 0 order by reason_group, bucket`.execute(db);
  return rows.rows.map((r) => ({ ...r, entries: Number(r.entries) }));
}

export interface QueuePageFilter {
  reasonGroup?: string;
  status: TModerationQueueStatus;
  search?: string;
  after?: { priority: number; id: string };
  limit: number;
}

export interface QueuePageRow extends QueueEntryRow {
  title: string | null;
  excerpt: string | null;
  contentStatus: string | null;
}

/**
 * One keyset page of the queue, highest priority first (the index order of "next"). A
 * decided page is newest first by id. Search matches the content's title or body, or an
 * exact content id; it filters the page walk, it never counts.
 */
export async function findQueuePage(db: DbOrTrx, filter: QueuePageFilter): Promise<QueuePageRow[]> {
  const live = filter.status !== 'decided';
  const statusTest = filter.status === 'open' ? sql`q.status <> 'decided' and (q.status = 'open' or q.lease_expires_at <= now())` : filter.status === 'claimed' ? sql`q.status = 'claimed' and q.lease_expires_at > now()` : sql`q.status = 'decided'`;
  const keyset = filter.after ? (live ? sql`and (q.priority, q.id) < (${filter.after.priority}::float8, ${filter.after.id}::bigint)` : sql`and q.id < ${filter.after.id}::bigint`) : sql``;
  const like = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%` : null;
  const search = filter.search
    ? sql`and (q.subject_id = ${filter.search} or lower(coalesce(c.title, '')) like ${like} or lower(c.body) like ${like})`
    : sql``;
  const rows = await sql<QueuePageRow>`
    select q.*,
      -- A reported account reads as the account (its name, its email) where content shows its title and text.
      coalesce(c.title, 'Account: ' || u.name) as title, coalesce(left(c.body, 200), u.email) as excerpt, c.status as content_status
    from ops.moderation_queue q
    left join app.content c on q.subject_type = 'content' and c.id = q.subject_id::uuid
    left join app.users u on q.subject_type = 'account' and u.id = q.subject_id::uuid
    where ${statusTest} ${filter.reasonGroup ? sql`and q.reason_group = ${filter.reasonGroup}` : sql``} ${keyset} ${search}
    order by ${live ? sql`q.priority desc, q.id desc` : sql`q.id desc`}
    limit ${filter.limit}`.execute(db);
  return rows.rows;
}

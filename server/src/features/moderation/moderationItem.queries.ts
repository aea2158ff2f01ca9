import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export async function findContent(db: DbOrTrx, contentId: string) {
  const rows = await sql<{ id: string; userId: string; workspaceId: string | null; kind: string; title: string | null; body: string; status: string; createdAt: Date }>`
    select id, user_id, workspace_id, kind, title, body, status, created_at from app.content where id = ${contentId}::uuid`.execute(db);
  return rows.rows[0];
}

/**
 * The author as a moderator needs them: status, account age, the best plan among the
 * workspaces they own, and whether any of those pays (a live paid subscription in the
 * Stripe mirror, as the customer page reads it).
 */
export async function findAuthorContext(db: DbOrTrx, userId: string) {
  const rows = await sql<{ id: string; email: string; name: string; status: string; suspendedUntil: Date | null; createdAt: Date; plans: string[]; paying: boolean }>`
    select u.id, u.email, u.name, u.status, u.suspended_until, u.created_at,
      coalesce((select array_agg(distinct w.plan order by w.plan) from app.workspaces w where w.owner_user_id = u.id), '{}') as plans,
      exists (select 1 from app.workspaces w join billing.subscriptions s on s.customer_id = w.stripe_customer_id
              where w.owner_user_id = u.id and s.status in ('active', 'past_due', 'trialing')) as paying
    from app.users u where u.id = ${userId}::uuid`.execute(db);
  return rows.rows[0];
}

/** The author's moderation record: reports against their content (capped scan) and decisions, by outcome. */
export async function findAuthorHistory(db: DbOrTrx, userId: string) {
  const rows = await sql<{ reportsReceived: string; openReports: string; decisions: string; restrictive: string }>`
    select
      (select count(*) from (select 1 from app.content c join app.content_reports r on r.content_id = c.id where c.user_id = ${userId}::uuid limit 10000) x) as reports_received,
      (select count(*) from (select 1 from app.content c join app.content_reports r on r.content_id = c.id where c.user_id = ${userId}::uuid and r.status = 'open' limit 10000) x) as open_reports,
      (select count(*) from ops.moderation_decisions d where d.author_user_id = ${userId}) as decisions,
      (select count(*) from ops.moderation_decisions d where d.author_user_id = ${userId} and d.decision_type <> 'dismiss' and d.reversed_at is null) as restrictive`.execute(db);
  const row = rows.rows[0]!;
  return { reportsReceived: Number(row.reportsReceived), openReports: Number(row.openReports), decisions: Number(row.decisions), upheldDecisions: Number(row.restrictive) };
}

/** Every report the entry covers, with what the product stored (details are the reporter's words) in the subject type's report table. */
export async function findEntryReports(db: DbOrTrx, entry: { id: string; subjectType: 'content' | 'account' }, limit = 500) {
  const reports = entry.subjectType === 'account' ? sql`app.account_reports` : sql`app.content_reports`;
  const rows = await sql<{ reportId: string; reporterUserId: string | null; reasonCode: string; details: string | null; status: string | null; createdAt: Date }>`
    select l.report_id, l.reporter_user_id, l.reason_code, r.details, r.status, l.created_at
    from ops.moderation_queue_reports l left join ${reports} r on r.id = l.report_id::uuid
    where l.queue_entry_id = ${entry.id} order by l.created_at limit ${limit}`.execute(db);
  return rows.rows;
}

import { sql } from 'kysely';
import { MODERATION_RULE_MAX_WINDOW_DAYS } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { RuleFacts, RuleReportFact } from './moderationRuleMatch.js';

/**
 * What rules look at, read from the product's `app` tables: new content and new reports
 * since a position (keyset on created_at, id), and the facts of a batch of content items
 * in two statements (items with author and plans; their recent reports with the
 * reporters' reliability).
 */

/**
 * A position in (created_at, id) order. `createdAt` is PostgreSQL's own text of the
 * timestamp: a JavaScript Date drops the microseconds, and a keyset rounded down would
 * hand back rows already scanned.
 */
export interface ScanPosition {
  createdAt: string;
  id: string;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
/** The position just before everything created at `createdAt` (PostgreSQL text of a timestamptz). */
export const positionAt = (createdAt: string): ScanPosition => ({ createdAt, id: ZERO_UUID });

/** Content created after `after` and at or before `until`, oldest first. */
export async function findContentCreatedBetween(db: DbOrTrx, after: ScanPosition, until: string, limit: number): Promise<ScanPosition[]> {
  const { rows } = await sql<ScanPosition>`
    select id::text, created_at::text from app.content
    where (created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid) and created_at <= ${until}::timestamptz
    order by created_at, id limit ${limit}`.execute(db);
  return rows;
}

/** Reports created after `after` and at or before `until`, oldest first, with the content they are on. */
export async function findReportsCreatedBetween(db: DbOrTrx, after: ScanPosition, until: string, limit: number): Promise<(ScanPosition & { contentId: string })[]> {
  const { rows } = await sql<ScanPosition & { contentId: string }>`
    select id::text, content_id::text, created_at::text from app.content_reports
    where (created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid) and created_at <= ${until}::timestamptz
    order by created_at, id limit ${limit}`.execute(db);
  return rows;
}

export interface ContentFacts extends RuleFacts {
  contentId: string;
  contentStatus: string;
  authorUserId: string;
  contentCreatedAt: Date;
}

/** Facts for each id that still exists, in the order asked. Reports: the latest 1,000 within the longest rule window. */
export async function loadContentFacts(db: DbOrTrx, contentIds: string[]): Promise<ContentFacts[]> {
  if (contentIds.length === 0) return [];
  const items = await sql<{ id: string; kind: string; title: string | null; body: string; status: string; userId: string; createdAt: Date; authorStatus: string | null; authorCreatedAt: Date | null; plans: string[]; databaseNow: Date }>`
    select c.id::text, c.kind, c.title, c.body, c.status, c.user_id::text, c.created_at, u.status as author_status, u.created_at as author_created_at,
           array(select distinct w.plan from app.workspaces w where w.owner_user_id = c.user_id or w.id = c.workspace_id order by w.plan) as plans,
           now() as database_now
    from app.content c left join app.users u on u.id = c.user_id
    where c.id = any(${contentIds}::uuid[])`.execute(db);
  const reports = await sql<RuleReportFact & { contentId: string }>`
    select r.content_id, r.reason_code, r.reporter_user_id, r.reliability, r.created_at
    from unnest(${contentIds}::uuid[]) as ids(content_id)
    cross join lateral (
      select r.content_id::text, r.reason_code, r.reporter_user_id::text, r.created_at,
             (coalesce(s.upheld, 0) + 1)::float8 / (coalesce(s.reports, 0) + 2) as reliability
      from app.content_reports r left join ops.moderation_reporter_stats s on s.reporter_user_id = r.reporter_user_id::text
      where r.content_id = ids.content_id and r.created_at >= now() - make_interval(days => ${MODERATION_RULE_MAX_WINDOW_DAYS})
      order by r.created_at desc limit 1000
    ) r`.execute(db);
  const reportsByContent = new Map<string, RuleReportFact[]>();
  for (const report of reports.rows) {
    const list = reportsByContent.get(report.contentId) ?? [];
    list.push(report);
    reportsByContent.set(report.contentId, list);
  }
  const byId = new Map(items.rows.map((item) => [item.id, item]));
  return contentIds.flatMap((id) => {
    const item = byId.get(id);
    if (!item) return [];
    return [{
      contentId: item.id,
      contentStatus: item.status,
      authorUserId: item.userId,
      contentCreatedAt: item.createdAt,
      kind: item.kind,
      title: item.title,
      body: item.body,
      author: item.authorStatus && item.authorCreatedAt ? { status: item.authorStatus, createdAt: item.authorCreatedAt } : null,
      plans: item.plans,
      reports: reportsByContent.get(id) ?? [],
      now: item.databaseNow,
    }];
  });
}

/** A product without content or reports (docs/product-schema.md) gives rules nothing to look at: not an error. */
export async function hasContentTables(db: DbOrTrx): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('app.content_reports') is not null and to_regclass('app.content') is not null as present`.execute(db);
  return rows[0]?.present === true;
}

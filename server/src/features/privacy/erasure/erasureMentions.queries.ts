import { sql, type RawBuilder } from 'kysely';
import { UUID_SQL_PATTERN } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { containsPattern } from '../../../db/likePattern.js';
import { FLAG_CHANGE_ACTION } from '../../flags/flagChange.queries.js';
import { findMappedTable } from '../dataMap/dataMap.js';
import type { ErasureSubject } from '../dataMap/dataMap.types.js';
import { ident, subjectCondition } from '../dataMap/subjectSql.js';

/**
 * The statements behind the plan's "Mentions elsewhere" (erasureMentions.ts): Opsdesk's
 * own free text that staff write — notes, reasons, comments — holding one of the
 * subject's needles (emails, full name) as a literal, in any case. One statement per
 * table, bounded by LIMIT; the total comes from the same scan. Rows the plan already
 * deletes or masks (the data map's subject condition of the table) are left out, and so
 * are flag change requests, whose reasons and comments naming the subject the erasure
 * rewrites (flags/flagSubjectErasure.service.ts). The audit log is not read: the erasure
 * shreds its personal values. Table, column and SQL texts below are checked in, never
 * input; the needles are bound parameters.
 */

/** A column (or JSON field) of free text and when that text was written. */
interface TextColumn {
  name: string;
  text: string;
  at: string;
}

export interface MentionSource {
  table: string;
  columns: readonly TextColumn[];
  /** What the record is about, for the words: a type and an id (e.g. customer <user id>), and one more detail (an action name). */
  aboutType: string;
  aboutId: string;
  detail: string;
  /** Where the console opens it: a resource of ERASURE_MENTION_LINKS and its id, or nulls. */
  linkResource: string;
  linkId: string;
  /** A lateral join the link reads (`left join lateral (…) as e on true`), exposing other column names than the table's. */
  lateral?: string;
  where?: (params: { flagChangeAction: string }) => RawBuilder<boolean>;
}

/** A customer target names a product user id or a Stripe customer: the console's customer page is the user's. */
const CUSTOMER_PAGE_OF_TARGET = `case when t.target_type in ('customer', 'user', 'account') then
  case when t.target_id ~* ${UUID_SQL_PATTERN} then t.target_id
    else (select w.owner_user_id::text from app.workspaces w where w.stripe_customer_id = t.target_id limit 1) end end`;
/** A moderation subject opens at its newest queue entry (the item page shows its notes and decisions). */
const NEWEST_ENTRY = `left join lateral (select q.id::text as entry_id from ops.moderation_queue q
  where q.subject_type = t.subject_type and q.subject_id = t.subject_id order by q.created_at desc limit 1) as e on true`;

export const MENTION_SOURCES: readonly MentionSource[] = [
  {
    table: 'ops.staff_notes',
    columns: [{ name: 'body', text: 't.body', at: 'coalesce(t.updated_at, t.created_at)' }],
    aboutType: 't.subject_type',
    aboutId: 't.subject_id',
    detail: 'null',
    linkResource: `case when t.subject_type = 'customer' then 'customers' end`,
    linkId: 't.subject_id',
  },
  {
    table: 'ops.action_requests',
    columns: [
      { name: 'reason', text: 't.reason', at: 't.created_at' },
      { name: 'decision_comment', text: 't.decision_comment', at: 'coalesce(t.decided_at, t.created_at)' },
    ],
    aboutType: 't.target_type',
    aboutId: 't.target_id',
    detail: 't.action',
    // A held request has an approval page; one that ran at once is seen on its customer's page.
    linkResource: `case when t.approval_reason is not null then 'approvals' when (${CUSTOMER_PAGE_OF_TARGET}) is not null then 'customers' end`,
    linkId: `case when t.approval_reason is not null then t.id::text else ${CUSTOMER_PAGE_OF_TARGET} end`,
    where: ({ flagChangeAction }) => sql<boolean>`t.action <> ${flagChangeAction}`,
  },
  {
    table: 'ops.moderation_notes',
    columns: [{ name: 'body', text: 't.body', at: 't.created_at' }],
    aboutType: 't.subject_type',
    aboutId: 't.subject_id',
    detail: 'null',
    linkResource: `case when e.entry_id is not null then 'moderation' when t.subject_type = 'account' then 'customers' end`,
    linkId: `coalesce(e.entry_id, t.subject_id)`,
    lateral: NEWEST_ENTRY,
  },
  {
    table: 'ops.moderation_decisions',
    columns: [
      { name: 'reversal_reason', text: 't.reversal_reason', at: 'coalesce(t.reversed_at, t.created_at)' },
      { name: 'statement.decision_facts', text: `t.statement->>'decision_facts'`, at: 't.created_at' },
      { name: 'statement.illegal_content_explanation', text: `t.statement->>'illegal_content_explanation'`, at: 't.created_at' },
      { name: 'statement.incompatible_content_explanation', text: `t.statement->>'incompatible_content_explanation'`, at: 't.created_at' },
    ],
    aboutType: 't.subject_type',
    aboutId: 't.subject_id',
    detail: 'null',
    linkResource: `case when t.queue_entry_id is not null then 'moderation' when t.subject_type = 'account' then 'customers' end`,
    linkId: `coalesce(t.queue_entry_id::text, t.subject_id)`,
  },
  {
    table: 'ops.moderation_appeals',
    columns: [{ name: 'decision_reason', text: 't.decision_reason', at: 'coalesce(t.decided_at, t.created_at)' }],
    aboutType: `'moderation_decision'`,
    aboutId: 't.decision_id::text',
    detail: 'null',
    linkResource: `case when e.entry_id is not null then 'moderation' end`,
    linkId: 'e.entry_id',
    lateral: `left join lateral (select d.queue_entry_id::text as entry_id from ops.moderation_decisions d where d.id = t.decision_id) as e on true`,
  },
  {
    table: 'ops.moderation_bulk_runs',
    columns: [
      { name: 'reason', text: 't.reason', at: 't.created_at' },
      { name: 'facts', text: 't.facts', at: 't.created_at' },
    ],
    aboutType: 'null',
    aboutId: 'null',
    detail: 'null',
    linkResource: `'moderation-bulk'`,
    linkId: 't.id::text',
  },
  {
    table: 'ops.privacy_requests',
    columns: [
      { name: 'note', text: 't.note', at: 't.received_at' },
      { name: 'verification_note', text: 't.verification_note', at: 'coalesce(t.verified_at, t.updated_at)' },
      { name: 'extension_reason', text: 't.extension_reason', at: 'coalesce(t.extended_at, t.updated_at)' },
      { name: 'hold_reason', text: 't.hold_reason', at: 'coalesce(t.held_at, t.updated_at)' },
      { name: 'rejected_reason', text: 't.rejected_reason', at: 'coalesce(t.completed_at, t.updated_at)' },
    ],
    aboutType: `'privacy_request'`,
    aboutId: 't.id::text',
    detail: 't.kind',
    linkResource: `'privacy'`,
    linkId: 't.id::text',
  },
];

export interface MentionRow {
  table: string;
  column: string;
  recordId: string;
  text: string;
  writtenAt: Date;
  aboutType: string | null;
  aboutId: string | null;
  detail: string | null;
  linkResource: string | null;
  linkId: string | null;
}

/**
 * What a source's trigram index covers (migration 0034, `<table>_mentions_trgm_idx`): its
 * one column, or its columns joined by line breaks. The statement filters on exactly this
 * expression, so PostgreSQL can answer `ilike` from the index instead of reading every
 * text of the table; the per-column filter after it keeps only the columns that match (a
 * needle never spans two columns: it holds no line break). The texts are `t.`-qualified
 * in MENTION_SOURCES and bare in the index; erasureMentions.indexes.test.ts fails when
 * the two drift apart.
 */
export function mentionHaystack(source: Pick<MentionSource, 'columns'>): string {
  if (source.columns.length === 1) return source.columns[0]!.text;
  return source.columns.map((c) => `coalesce(${c.text}, '')`).join(` || E'\\n' || `);
}

/** The statement of findMentionsIn (exported for the plan check of its index). */
export function mentionsQuery(source: MentionSource, subject: ErasureSubject, needles: readonly string[], limit: number): RawBuilder<MentionQueryRow> {
  const mapped = findMappedTable(source.table);
  const theirs = mapped ? subjectCondition(mapped, subject) : null;
  const patterns = needles.map(containsPattern);
  const columns = sql.join(source.columns.map((c) => sql`(${c.name}::text, (${sql.raw(c.text)})::text, (${sql.raw(c.at)})::timestamptz)`));
  return sql<MentionQueryRow>`
    select t.id::text as record_id, m.mention_column, m.mention_text, m.mention_at,
      ${sql.raw(source.aboutType)}::text as about_type, ${sql.raw(source.aboutId)}::text as about_id, ${sql.raw(source.detail)}::text as detail,
      ${sql.raw(source.linkResource)}::text as link_resource, ${sql.raw(source.linkId)}::text as link_id,
      count(*) over () as total
    from ${ident(source.table)} as t
    cross join lateral (values ${columns}) as m(mention_column, mention_text, mention_at)
    ${sql.raw(source.lateral ?? '')}
    where (${sql.raw(mentionHaystack(source))}) ilike any(${patterns}::text[])
      and m.mention_text ilike any(${patterns}::text[])
      ${theirs ? sql`and ${theirs} is not true` : sql``}
      ${source.where ? sql`and ${source.where({ flagChangeAction: FLAG_CHANGE_ACTION })}` : sql``}
    order by m.mention_at desc, t.id desc, m.mention_column
    limit ${limit}`;
}

interface MentionQueryRow {
  record_id: string;
  mention_column: string;
  mention_text: string;
  mention_at: Date;
  about_type: string | null;
  about_id: string | null;
  detail: string | null;
  link_resource: string | null;
  link_id: string | null;
  total: string;
}

/**
 * One table's rows (one row per matching column) containing a needle, newest first, at
 * most `limit`, with the number of matches in all. The subject's own rows, which the
 * plan deletes or masks, are not mentions elsewhere.
 */
export async function findMentionsIn(db: DbOrTrx, source: MentionSource, subject: ErasureSubject, needles: readonly string[], limit: number): Promise<{ rows: MentionRow[]; total: number }> {
  if (needles.length === 0) return { rows: [], total: 0 };
  const { rows } = await mentionsQuery(source, subject, needles, limit).execute(db.withoutPlugins());
  return {
    rows: rows.map((row) => ({
      table: source.table,
      column: row.mention_column,
      recordId: row.record_id,
      text: row.mention_text,
      writtenAt: row.mention_at,
      aboutType: row.about_type,
      aboutId: row.about_id,
      detail: row.detail,
      linkResource: row.link_resource,
      linkId: row.link_id,
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** The subject's full names as the product and the Stripe mirror hold them (the plan matches those of two words or more). */
export async function findSubjectNames(db: DbOrTrx, subject: Pick<ErasureSubject, 'userId' | 'customerIds'>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from app.users where id = ${subject.userId}::uuid and name is not null
    union
    select name from billing.customers where id = any(${subject.customerIds}::text[]) and name is not null`.execute(db.withoutPlugins());
  return rows.map((row) => row.name);
}

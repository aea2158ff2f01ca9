import { sql } from 'kysely';
import type { TDsaStatement, TModerationDecisionType } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';

export interface NewDecision {
  queueEntryId: string;
  subjectType: 'content' | 'account';
  subjectId: string;
  authorUserId: string | null;
  decisionType: TModerationDecisionType;
  reasonCode: string;
  statement: TDsaStatement | null;
  decidedBy: { id: string; label: string };
  endsAt: Date | null;
}

/** `id` is chosen by the caller: the statement of reasons names it as its PUID. */
export async function insertDecision(trx: Trx, decision: NewDecision, id: string): Promise<{ id: string; createdAt: Date; appealDeadline: Date }> {
  const rows = await sql<{ id: string; createdAt: Date; appealDeadline: Date }>`
    insert into ops.moderation_decisions (id, queue_entry_id, subject_type, subject_id, author_user_id, decision_type, reason_code, statement, decided_by, decided_by_label, ends_at, appeal_deadline)
    values (${id}, ${decision.queueEntryId}, ${decision.subjectType}, ${decision.subjectId}, ${decision.authorUserId}, ${decision.decisionType}, ${decision.reasonCode},
            ${decision.statement ? JSON.stringify(decision.statement) : null}::jsonb, ${decision.decidedBy.id}, ${decision.decidedBy.label}, ${decision.endsAt},
            now() + interval '6 months')
    returning id, created_at, appeal_deadline`.execute(trx);
  return rows.rows[0]!;
}

/** The product's side of a content decision: `hidden` or `removed` (the only write to app.content). */
export async function setContentStatus(trx: Trx, contentId: string, status: 'hidden' | 'removed'): Promise<{ before: string } | undefined> {
  const rows = await sql<{ before: string }>`
    update app.content c set status = ${status} from (select id, status as before from app.content where id = ${contentId}::uuid for update) old
    where c.id = old.id returning old.before`.execute(trx);
  return rows.rows[0];
}

/** Resolves the entry's reports that are still open (content or account reports, by its subject); returns them with their reporters. */
export async function resolveEntryReports(trx: Trx, entryId: string, subjectType: 'content' | 'account'): Promise<{ reportId: string; reporterUserId: string | null }[]> {
  const reports = subjectType === 'account' ? sql.table('app.account_reports') : sql.table('app.content_reports');
  const rows = await sql<{ reportId: string; reporterUserId: string | null }>`
    update ${reports} r set status = 'resolved'
    from ops.moderation_queue_reports l
    where l.queue_entry_id = ${entryId} and r.id = l.report_id::uuid and r.status = 'open'
    returning l.report_id, l.reporter_user_id`.execute(trx);
  return rows.rows;
}

/** Reporter reliability: every resolved report counts; it is upheld unless the decision dismissed it. */
export async function recordReporterOutcomes(trx: Trx, reporterIds: string[], upheld: boolean): Promise<void> {
  if (reporterIds.length === 0) return;
  await sql`
    insert into ops.moderation_reporter_stats as s (reporter_user_id, reports, upheld)
    select reporter, count(*), case when ${upheld} then count(*) else 0 end from unnest(${reporterIds}::text[]) reporter group by reporter
    order by reporter
    on conflict (reporter_user_id) do update set reports = s.reports + excluded.reports, upheld = s.upheld + excluded.upheld, updated_at = now()`.execute(trx);
}

export interface NewOutcome {
  recipientRole: 'reporter' | 'author';
  recipientUserId: string;
  reportId: string | null;
  message: string;
  howToAppeal: string;
}

export async function insertOutcomes(trx: Trx, decisionId: string, appealDeadline: Date, outcomes: NewOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await sql`
    insert into ops.moderation_outcomes (decision_id, recipient_role, recipient_user_id, report_id, message, how_to_appeal, appeal_deadline)
    select ${decisionId}, o.role, o.recipient, o.report, o.message, o.appeal, ${appealDeadline}
    from unnest(${outcomes.map((o) => o.recipientRole)}::text[], ${outcomes.map((o) => o.recipientUserId)}::text[], ${outcomes.map((o) => o.reportId)}::text[],
                ${outcomes.map((o) => o.message)}::text[], ${outcomes.map((o) => o.howToAppeal)}::text[]) as o(role, recipient, report, message, appeal)
    on conflict (decision_id, recipient_role, recipient_user_id) do nothing`.execute(trx);
}

export interface DecisionRow {
  id: string;
  queueEntryId: string | null;
  subjectType: 'content' | 'account';
  subjectId: string;
  authorUserId: string | null;
  decisionType: TModerationDecisionType;
  reasonCode: string;
  statement: TDsaStatement | null;
  decidedByLabel: string;
  endsAt: Date | null;
  appealDeadline: Date;
  reversedAt: Date | null;
  createdAt: Date;
}

// The statement is read as text: the CamelCasePlugin would rename the DSA's snake_case keys.
const decisionColumns = sql`id, queue_entry_id, subject_type, subject_id, author_user_id, decision_type, reason_code, statement::text as statement_json, decided_by_label, ends_at, appeal_deadline, reversed_at, created_at`;

function toDecision(row: Omit<DecisionRow, 'statement'> & { statementJson: string | null }): DecisionRow {
  const { statementJson, ...rest } = row;
  return { ...rest, statement: statementJson ? (JSON.parse(statementJson) as TDsaStatement) : null };
}

export async function findDecisionsByAuthor(db: DbOrTrx, authorUserId: string, limit = 50): Promise<DecisionRow[]> {
  const rows = await sql<Omit<DecisionRow, 'statement'> & { statementJson: string | null }>`
    select ${decisionColumns} from ops.moderation_decisions where author_user_id = ${authorUserId} order by created_at desc limit ${limit}`.execute(db);
  return rows.rows.map(toDecision);
}

export async function findDecisionsBySubject(db: DbOrTrx, subject: { subjectType: string; subjectId: string }, limit = 50): Promise<DecisionRow[]> {
  const rows = await sql<Omit<DecisionRow, 'statement'> & { statementJson: string | null }>`
    select ${decisionColumns} from ops.moderation_decisions where subject_type = ${subject.subjectType} and subject_id = ${subject.subjectId} order by created_at desc limit ${limit}`.execute(db);
  return rows.rows.map(toDecision);
}

export async function findOutcomes(db: DbOrTrx, decisionId: string) {
  const rows = await sql<{ recipientRole: 'reporter' | 'author'; recipientUserId: string; reportId: string | null; message: string; howToAppeal: string; appealDeadline: Date }>`
    select recipient_role, recipient_user_id, report_id, message, how_to_appeal, appeal_deadline from ops.moderation_outcomes where decision_id = ${decisionId} order by recipient_role, recipient_user_id`.execute(db);
  return rows.rows;
}

import { sql } from 'kysely';
import type { TModerationAppealChannel, TModerationAppealStatus, TModerationDecisionType } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** What an appeal needs to know about the decision it contests (deadline and reversal read with the database clock). */
export interface AppealableDecision {
  id: string;
  queueEntryId: string | null;
  subjectType: 'content' | 'account';
  subjectId: string;
  authorUserId: string | null;
  decisionType: TModerationDecisionType;
  reasonCode: string;
  decidedBy: string | null;
  decidedByLabel: string;
  appealDeadline: Date;
  pastDeadline: boolean;
  reversedAt: Date | null;
  accountActionRequestId: string | null;
  accountActionStatus: 'done' | 'in_progress' | 'pending_approval' | null;
}

const decisionColumns = sql`d.id, d.queue_entry_id, d.subject_type, d.subject_id, d.author_user_id, d.decision_type, d.reason_code, d.decided_by, d.decided_by_label,
  d.appeal_deadline, now() > d.appeal_deadline as past_deadline, d.reversed_at, d.account_action_request_id, d.account_action_status`;

export async function findAppealableDecision(db: DbOrTrx, decisionId: string): Promise<AppealableDecision | undefined> {
  const rows = await sql<AppealableDecision>`select ${decisionColumns} from ops.moderation_decisions d where d.id = ${decisionId}::uuid`.execute(db);
  return rows.rows[0];
}

/** Locks the decision so a reversal and a second appeal decision on it are ordered. */
export async function lockDecision(trx: Trx, decisionId: string): Promise<AppealableDecision | undefined> {
  const rows = await sql<AppealableDecision>`select ${decisionColumns} from ops.moderation_decisions d where d.id = ${decisionId}::uuid for update`.execute(trx);
  return rows.rows[0];
}

/** The appellant's standing: the author or a reporter, as the decision's outcome records name them. */
export async function findRecipientRole(db: DbOrTrx, decisionId: string, userId: string): Promise<'author' | 'reporter' | undefined> {
  const rows = await sql<{ recipientRole: 'author' | 'reporter' }>`
    select recipient_role from ops.moderation_outcomes
    where decision_id = ${decisionId}::uuid and recipient_user_id = ${userId} and recipient_role in ('author', 'reporter')
    order by recipient_role limit 1`.execute(db);
  return rows.rows[0]?.recipientRole;
}

export interface NewAppeal {
  decisionId: string;
  firstDecider: string | null;
  appellantUserId: string;
  appellantRole: 'author' | 'reporter';
  channel: TModerationAppealChannel;
  statement: string;
  enteredBy: { id: string | null; label: string };
}

/** Undefined when this person already appealed this decision (one appeal per person and decision). */
export async function insertAppeal(trx: Trx, appeal: NewAppeal): Promise<{ id: string; createdAt: Date } | undefined> {
  const rows = await sql<{ id: string; createdAt: Date }>`
    insert into ops.moderation_appeals (decision_id, first_decider, appellant_user_id, appellant_role, channel, statement, entered_by, entered_by_label)
    values (${appeal.decisionId}::uuid, ${appeal.firstDecider}, ${appeal.appellantUserId}, ${appeal.appellantRole}, ${appeal.channel}, ${appeal.statement}, ${appeal.enteredBy.id}, ${appeal.enteredBy.label})
    on conflict (decision_id, appellant_user_id) do nothing
    returning id, created_at`.execute(trx);
  return rows.rows[0];
}

export interface AppealRow {
  id: string;
  decisionId: string;
  firstDecider: string | null;
  appellantUserId: string;
  appellantRole: 'author' | 'reporter';
  channel: TModerationAppealChannel;
  statement: string;
  enteredByLabel: string;
  status: TModerationAppealStatus;
  decidedByLabel: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

const appealColumns = sql`a.id, a.decision_id, a.first_decider, a.appellant_user_id, a.appellant_role, a.channel, a.statement, a.entered_by_label, a.status,
  a.decided_by_label, a.decision_reason, a.decided_at, a.created_at`;

export async function lockAppeal(trx: Trx, appealId: string): Promise<AppealRow | undefined> {
  const rows = await sql<AppealRow>`select ${appealColumns} from ops.moderation_appeals a where a.id = ${appealId}::uuid for update`.execute(trx);
  return rows.rows[0];
}

export async function markAppealDecided(trx: Trx, appealId: string, status: 'upheld' | 'reversed', decider: { id: string; label: string }, reason: string): Promise<Date> {
  const rows = await sql<{ decidedAt: Date }>`
    update ops.moderation_appeals set status = ${status}, decided_by = ${decider.id}, decided_by_label = ${decider.label}, decision_reason = ${reason}, decided_at = now()
    where id = ${appealId}::uuid and status = 'open' returning decided_at`.execute(trx);
  return rows.rows[0]!.decidedAt;
}

/** `createdMicros`: created_at in microseconds since the epoch, exact (a Date keeps milliseconds only), for the page cursor. */
export type AppealListRow = AppealRow & { queueEntryId: string | null; subjectType: string; subjectId: string; decisionType: TModerationDecisionType; reasonCode: string; firstDeciderLabel: string; appealDeadline: Date; createdMicros: string };

/**
 * Appeals by status, oldest first (the longest waiting at the top), keyset on
 * (created_at, id). `notDecidedBy`: only appeals on decisions someone else took.
 */
const appealListColumns = sql`${appealColumns}, d.queue_entry_id::text as queue_entry_id, d.subject_type, d.subject_id, d.decision_type, d.reason_code, d.decided_by_label as first_decider_label, d.appeal_deadline,
      (extract(epoch from a.created_at) * 1000000)::bigint::text as created_micros`;

export async function findAppealsPage(db: DbOrTrx, filter: { status: TModerationAppealStatus; notDecidedBy?: string; after?: { createdMicros: string; id: string }; limit: number }): Promise<AppealListRow[]> {
  const rows = await sql<AppealListRow>`
    select ${appealListColumns}
    from ops.moderation_appeals a join ops.moderation_decisions d on d.id = a.decision_id
    where a.status = ${filter.status}
      ${filter.notDecidedBy ? sql`and a.first_decider is distinct from ${filter.notDecidedBy}::uuid` : sql``}
      ${filter.after ? sql`and (a.created_at, a.id) > (timestamptz 'epoch' + ${filter.after.createdMicros}::bigint * interval '1 microsecond', ${filter.after.id}::uuid)` : sql``}
    order by a.created_at, a.id limit ${filter.limit}`.execute(db);
  return rows.rows;
}

/** One appeal as the list shows it; null when there is none with that id. */
export async function findAppealListRow(db: DbOrTrx, appealId: string): Promise<AppealListRow | null> {
  const rows = await sql<AppealListRow>`
    select ${appealListColumns}
    from ops.moderation_appeals a join ops.moderation_decisions d on d.id = a.decision_id
    where a.id = ${appealId}::uuid`.execute(db);
  return rows.rows[0] ?? null;
}

export async function findAppealsOfDecision(db: DbOrTrx, decisionId: string): Promise<AppealRow[]> {
  const rows = await sql<AppealRow>`select ${appealColumns} from ops.moderation_appeals a where a.decision_id = ${decisionId}::uuid order by a.created_at, a.id`.execute(db);
  return rows.rows;
}

/** What the appellant would be told about their appeal (sending it is the product's job). */
export async function insertAppellantOutcome(trx: Trx, outcome: { decisionId: string; appellantUserId: string; message: string; howToAppeal: string; appealDeadline: Date }): Promise<void> {
  await sql`
    insert into ops.moderation_outcomes (decision_id, recipient_role, recipient_user_id, message, how_to_appeal, appeal_deadline)
    values (${outcome.decisionId}::uuid, 'appellant', ${outcome.appellantUserId}, ${outcome.message}, ${outcome.howToAppeal}, ${outcome.appealDeadline})
    on conflict (decision_id, recipient_role, recipient_user_id) do nothing`.execute(trx);
}

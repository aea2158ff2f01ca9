import { TRPCError } from '@trpc/server';
import { UUID_SOURCE, type TModerationAppealDecideRequest, type TModerationAppealListRequest, type TModerationAppealOpenRequest } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { AccountActions } from './moderationAccountActions.js';
import {
  findAppealableDecision,
  findAppealListRow,
  findAppealsPage,
  findRecipientRole,
  insertAppeal,
  insertAppellantOutcome,
  lockAppeal,
  lockDecision,
  markAppealDecided,
  type AppealListRow,
} from './moderationAppeals.queries.js';
import type { Moderator } from './moderationClaims.service.js';
import { appendEvent } from './moderationEvents.queries.js';
import { reverseDecision } from './moderationReversal.service.js';

/** After an appeal, what is left: the out-of-court dispute settlement bodies (DSA Art. 21) and the courts. */
const AFTER_APPEAL = 'If you disagree, you can turn to a certified out-of-court dispute settlement body (EU DSA Article 21) or to the courts.';

/** Who entered an appeal the product filed: no staff member (the sync job, `moderationSync.queries.ts`). */
export type ProductIntake = { id: null; label: string };

/**
 * An appeal against a decision, entered by staff (on the user's behalf, or copied from the
 * product's appeal form) or taken from `app.moderation_appeals` by the sync job: the
 * appellant must be the decision's author or one of its reporters (its outcome records
 * name them), the decision not reversed, and the appeal deadline (decision + 6 months,
 * database clock; a trigger refuses it too) not passed.
 */
export async function openAppeal(trx: Trx, staff: Moderator | ProductIntake, input: Omit<TModerationAppealOpenRequest, 'reason'> & { channel: 'staff_on_behalf' | 'product' }) {
  const decision = await findAppealableDecision(trx, input.decisionId);
  if (!decision) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such decision.' });
  if (decision.pastDeadline) throw new TRPCError({ code: 'BAD_REQUEST', message: `The appeal period of this decision ended on ${decision.appealDeadline.toISOString().slice(0, 10)} (6 months after it).` });
  if (decision.reversedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This decision has already been reversed; there is nothing left to appeal.' });
  const role = await findRecipientRole(trx, decision.id, input.appellantUserId);
  if (!role) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Only the author of the content or one of its reporters can appeal this decision.' });

  const appeal = await insertAppeal(trx, { decisionId: decision.id, firstDecider: decision.decidedBy, appellantUserId: input.appellantUserId, appellantRole: role, channel: input.channel, statement: input.statement, enteredBy: staff });
  if (!appeal) throw new TRPCError({ code: 'CONFLICT', message: 'This person has already appealed this decision.' });
  await appendEvent(trx, {
    subjectType: decision.subjectType,
    subjectId: decision.subjectId,
    kind: 'appeal_received',
    queueEntryId: decision.queueEntryId,
    decisionId: decision.id,
    actor: staff,
    data: { appealId: appeal.id, appellantRole: role, channel: input.channel },
  });
  return { appealId: appeal.id, decisionId: decision.id, appellantRole: role, status: 'open' as const, createdAt: appeal.createdAt.toISOString(), appealDeadline: decision.appealDeadline.toISOString() };
}

/**
 * Decides an open appeal: never by the moderator who took the decision (refused, and a
 * check constraint holds the line too). Upheld: recorded. Reversed: the decision is
 * undone in one step (moderationReversal.service.ts). Either way an `appeal_decided`
 * event and the appellant's outcome record.
 */
export async function decideAppeal(trx: Trx, accounts: AccountActions, moderator: Moderator, input: TModerationAppealDecideRequest) {
  const appeal = await lockAppeal(trx, input.appealId);
  if (!appeal) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such appeal.' });
  if (appeal.status !== 'open') throw new TRPCError({ code: 'CONFLICT', message: `This appeal has already been decided (${appeal.status}).` });
  if (appeal.firstDecider === moderator.id) throw new TRPCError({ code: 'FORBIDDEN', message: 'You took the decision under appeal: another moderator must decide the appeal.' });
  const decision = (await lockDecision(trx, appeal.decisionId))!;

  const reversal = input.outcome === 'reversed' ? await reverseDecision(trx, accounts, moderator, decision, input.reason, appeal.id) : null;
  const decidedAt = await markAppealDecided(trx, appeal.id, input.outcome, moderator, input.reason);
  await appendEvent(trx, {
    subjectType: decision.subjectType,
    subjectId: decision.subjectId,
    kind: 'appeal_decided',
    queueEntryId: decision.queueEntryId,
    decisionId: decision.id,
    actor: moderator,
    data: { appealId: appeal.id, outcome: input.outcome, reason: input.reason },
  });
  await insertAppellantOutcome(trx, {
    decisionId: decision.id,
    appellantUserId: appeal.appellantUserId,
    message:
      input.outcome === 'reversed'
        ? `We reviewed your appeal and reversed our decision: ${input.reason}`
        : `We reviewed your appeal and upheld our decision: ${input.reason}`,
    howToAppeal: AFTER_APPEAL,
    appealDeadline: decision.appealDeadline,
  });
  return { appealId: appeal.id, decisionId: decision.id, status: input.outcome, decidedAt: decidedAt.toISOString(), reversal };
}

const encodeCursor = (row: AppealListRow) => Buffer.from(`${row.createdMicros}|${row.id}`).toString('base64url');

const APPEAL_CURSOR = new RegExp(`^(\\d{1,17})\\|(${UUID_SOURCE})$`);

/** The cursor is opaque to clients; anything but what encodeCursor wrote is a 400, never a database error. */
function decodeCursor(cursor: string): { createdMicros: string; id: string } {
  const match = APPEAL_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
  return { createdMicros: match[1]!, id: match[2]! };
}

/** Appeals by status, oldest first; `forMe`: those the caller may decide (someone else took the decision). */
export async function listAppeals(db: DbOrTrx, moderator: Moderator, input: Required<Pick<TModerationAppealListRequest, 'status' | 'forMe' | 'limit'>> & { cursor?: string }) {
  const rows = await findAppealsPage(db, { status: input.status, notDecidedBy: input.forMe ? moderator.id : undefined, after: input.cursor ? decodeCursor(input.cursor) : undefined, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => appealItem(row, moderator)),
    nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** One appeal, as an item of the list (an audit entry about it links to it). */
export async function getAppeal(db: DbOrTrx, moderator: Moderator, appealId: string) {
  const row = await findAppealListRow(db, appealId);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no appeal with this id.' });
  return appealItem(row, moderator);
}

function appealItem(row: AppealListRow, moderator: Moderator) {
  return {
    id: row.id,
    decisionId: row.decisionId,
    entryId: row.queueEntryId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    decisionType: row.decisionType,
    reasonCode: row.reasonCode,
    firstDeciderLabel: row.firstDeciderLabel,
    mayDecide: row.firstDecider !== moderator.id,
    appellantUserId: row.appellantUserId,
    appellantRole: row.appellantRole,
    channel: row.channel,
    statement: row.statement,
    enteredByLabel: row.enteredByLabel,
    status: row.status,
    decidedByLabel: row.decidedByLabel,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    appealDeadline: row.appealDeadline.toISOString(),
  };
}

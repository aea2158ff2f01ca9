import { TRPCError } from '@trpc/server';
import type { Trx } from '../../db/database.js';
import { accountActionStatusOf, type AccountActions } from './moderationAccountActions.js';
import type { AppealableDecision } from './moderationAppeals.queries.js';
import type { Moderator } from './moderationClaims.service.js';
import { appendEvent } from './moderationEvents.queries.js';
import { findActionRequestStatus, findContentStatusBefore, findUserStatus, markDecisionReversed, restoreContentStatus } from './moderationReversal.queries.js';

export interface ReversalEffect {
  content?: { restored: boolean; from: string | null; to: string };
  account?: { lifted: boolean; requestId: string | null; status: string; note?: string };
}

const CONTENT_STATUS_SET: Partial<Record<AppealableDecision['decisionType'], string>> = { hide: 'hidden', remove: 'removed' };

/**
 * Reverses a decision in one step, in the caller's transaction (the decision row locked
 * by the caller): the content goes back to the status it had before (only while it still
 * has the status the decision gave it), a suspension or ban is lifted through the
 * customer account action `customers.unban` (its own request and audit rows), the
 * decision is marked reversed with who and why, and a `reversal` event is appended.
 * Labels and dismissals wrote nothing to the product, so only the record changes.
 */
export async function reverseDecision(trx: Trx, accounts: AccountActions, moderator: Moderator, decision: AppealableDecision, reason: string, appealId: string | null): Promise<ReversalEffect> {
  if (decision.reversedAt) throw new TRPCError({ code: 'CONFLICT', message: 'This decision has already been reversed.' });
  const effect: ReversalEffect = {};

  const contentStatusSet = CONTENT_STATUS_SET[decision.decisionType];
  if (contentStatusSet && decision.subjectType === 'content') {
    const before = (await findContentStatusBefore(trx, decision.id)) ?? 'visible';
    const to = before === contentStatusSet ? 'visible' : before;
    const restored = await restoreContentStatus(trx, decision.subjectId, contentStatusSet, to);
    effect.content = { restored: restored.restored, from: restored.found, to };
  }

  if ((decision.decisionType === 'suspend_author' || decision.decisionType === 'ban_author') && decision.authorUserId) {
    effect.account = await liftAccountMeasure(trx, accounts, decision, reason);
  }

  await markDecisionReversed(trx, decision.id, moderator, reason, appealId);
  await appendEvent(trx, {
    subjectType: decision.subjectType,
    subjectId: decision.subjectId,
    kind: 'reversal',
    queueEntryId: decision.queueEntryId,
    decisionId: decision.id,
    actor: moderator,
    data: { appealId, reason, decisionType: decision.decisionType, ...effect },
  });
  return effect;
}

/**
 * Lifts the suspension or ban the decision imposed, only when its account action ran
 * (at decision time, or approved by a second person since) and the account is still
 * restricted: a request still held changed nothing (reject it on the approvals page), and
 * an account reinstated meanwhile needs no second lift.
 */
async function liftAccountMeasure(trx: Trx, accounts: AccountActions, decision: AppealableDecision, reason: string): Promise<NonNullable<ReversalEffect['account']>> {
  const userId = decision.authorUserId!;
  const requestStatus = decision.accountActionRequestId ? await findActionRequestStatus(trx, decision.accountActionRequestId) : null;
  if (decision.accountActionStatus !== 'done' && requestStatus !== 'succeeded') {
    return { lifted: false, requestId: decision.accountActionRequestId, status: requestStatus ?? 'none', note: 'The account action has not run (held for approval, rejected or expired): there is nothing to lift; reject a held request on the approvals page.' };
  }
  const status = await findUserStatus(trx, userId);
  if (status !== 'suspended' && status !== 'banned') return { lifted: false, requestId: null, status: status ?? 'unknown', note: 'The account is no longer restricted.' };
  const outcome = await accounts.unban({ userId, reason: `Moderation decision ${decision.id} reversed: ${reason}`.slice(0, 1000) });
  return { lifted: outcome.status === 'done', requestId: outcome.requestId, status: accountActionStatusOf(outcome) };
}

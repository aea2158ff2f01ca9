import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { ZModerationDecideRequestSchema, type TDsaStatement, type TModerationDecisionType } from '@opsdesk/shared';
import type { z } from 'zod';
import type { Trx } from '../../db/database.js';
import { lockHeldEntry, type Moderator } from './moderationClaims.service.js';
import { insertDecision, insertOutcomes, recordReporterOutcomes, resolveEntryReports, setContentStatus, type NewOutcome } from './moderationDecision.queries.js';
import { appendEvent } from './moderationEvents.queries.js';
import { findContent } from './moderationItem.queries.js';
import { findAccount } from './moderationAccountSubject.queries.js';
import { findActiveReasonCode } from './moderationPolicy.queries.js';
import { markEntryDecided, type QueueEntryRow } from './moderationQueue.queries.js';
import { accountActionStatusOf, type AccountActions } from './moderationAccountActions.js';
import { setDecisionAccountAction } from './moderationReversal.queries.js';
import { buildStatement, outcomeMessages } from './moderationStatement.js';

type DecideInput = z.output<typeof ZModerationDecideRequestSchema>;

/**
 * A decision on the entry the caller holds, in the caller's transaction (the audit row
 * shares it): the statement of reasons, the product effect (content hidden or removed),
 * the reports resolved, reporter reliability, outcome records for reporters and the
 * author (with how to appeal until decision + 6 months), the entry closed, an event.
 * Account measures (suspend, ban) go through the customer account actions (`accounts`,
 * moderationAccountActions.ts) with their risk tier and four-eyes rules, never a second
 * path: the decision records the action's request id and whether it ran or is held for
 * approval. Without `accounts` (bulk runs) they are refused.
 */
export async function decideEntry(trx: Trx, moderator: Moderator, input: DecideInput, accounts?: AccountActions) {
  return decideLockedEntry(trx, moderator, await lockHeldEntry(trx, moderator, input.entryId), input, accounts);
}

/**
 * The same decision on an entry the caller has already locked and checked, for deciders
 * that hold no lease of their own (bulk runs: moderationBulk.service.ts skips entries that
 * are decided or claimed by someone, then decides the rest through here).
 */
export async function decideLockedEntry(trx: Trx, moderator: Moderator, entry: QueueEntryRow & { databaseNow: Date }, input: DecideInput, accounts?: AccountActions) {
  const policy = await findActiveReasonCode(trx, input.reasonCode);
  if (!policy) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${input.reasonCode}" is not an active reason code of the policy table.` });
  const decisionType = policy.decisionType;
  const accountMeasure = decisionType === 'suspend_author' || decisionType === 'ban_author';
  if (accountMeasure && !accounts) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Suspending or banning the author is decided one item at a time (it goes through customers.suspend / customers.ban and their approval rules).' });
  if (decisionType === 'suspend_author' && !input.suspendDays) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A suspension needs its length: give suspendDays (1–365).' });
  const subject = await decisionSubject(trx, entry, decisionType);
  const decisionId = randomUUID();
  const decidedAt = entry.databaseNow;
  const endsAt = decisionType === 'suspend_author' ? new Date(decidedAt.getTime() + input.suspendDays! * 86_400_000) : null;
  const facts = input.facts ?? input.reason;
  const statement: TDsaStatement | null =
    decisionType === 'dismiss'
      ? null
      : buildStatement({
          decisionId,
          decisionType,
          policy,
          facts,
          subjectType: entry.subjectType,
          contentKind: subject.kind,
          contentCreatedAt: subject.createdAt,
          decidedAt,
          endsAt,
          decisionGround: input.decisionGround,
          groundReference: input.groundReference,
          alsoIllegal: input.alsoIllegal,
          territorialScope: input.territorialScope,
          fromReports: entry.reportCount > 0,
        });

  // The account action commits its own request and audit rows before it acts (intent-first);
  // it runs after the statement is valid and before this decision's writes, so a refusal
  // (a ban's typed email, a deleted user) leaves the item claimed and undecided; its
  // idempotency key makes a retried decision find the same request instead of a second one.
  const accountAction = accountMeasure ? await runAccountAction(accounts!, decisionType, subject.userId, input) : null;
  const contentBefore = subject.contentId && (decisionType === 'hide' || decisionType === 'remove') ? await setContentStatus(trx, subject.contentId, decisionType === 'hide' ? 'hidden' : 'removed') : undefined;
  const decision = await insertDecision(trx, {
    queueEntryId: entry.id,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    authorUserId: entry.authorUserId ?? subject.userId,
    decisionType,
    reasonCode: policy.code,
    statement,
    decidedBy: moderator,
    endsAt,
  }, decisionId);
  if (accountAction) await setDecisionAccountAction(trx, decision.id, accountAction.requestId, accountAction.status);
  const reports = await resolveEntryReports(trx, entry.id, entry.subjectType);
  const reporters = [...new Set(reports.map((r) => r.reporterUserId).filter((id): id is string => id !== null))];

  const messages = outcomeMessages(decisionType, policy.label, decision.appealDeadline, entry.subjectType);
  const outcomes: NewOutcome[] = reporters.map((reporter) => ({
    recipientRole: 'reporter',
    recipientUserId: reporter,
    reportId: reports.find((r) => r.reporterUserId === reporter)?.reportId ?? null,
    message: messages.reporter,
    howToAppeal: messages.howToAppeal,
  }));
  if (decisionType !== 'dismiss') outcomes.push({ recipientRole: 'author', recipientUserId: subject.userId, reportId: null, message: messages.author, howToAppeal: messages.howToAppeal });
  await insertOutcomes(trx, decision.id, decision.appealDeadline, outcomes);

  await appendEvent(trx, {
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    kind: 'decided',
    queueEntryId: entry.id,
    decisionId: decision.id,
    actor: moderator,
    data: { decisionType, reasonCode: policy.code, reportsResolved: reports.length, contentStatusBefore: contentBefore?.before ?? null, ...(accountAction && { accountAction }) },
  });
  // The two writes to shared rows come last, so their row locks are held only until the
  // commit: closing the entry moves a queue counter (one of 16 shards per group and
  // bucket, through the trigger), and a prolific reporter's stats row is shared by every
  // decision on their reports. Taken early, concurrent moderators queued behind each other.
  await markEntryDecided(trx, entry.id);
  await recordReporterOutcomes(trx, reports.map((r) => r.reporterUserId).filter((id): id is string => id !== null), decisionType !== 'dismiss');
  return {
    entryId: entry.id,
    decisionId: decision.id,
    decisionType,
    reasonCode: policy.code,
    statement,
    appealDeadline: decision.appealDeadline.toISOString(),
    reportsResolved: reports.length,
    outcomes: outcomes.length,
    /** Content subjects: the content's status before and after; account subjects have none (null). */
    contentStatus: subject.contentId
      ? { before: contentBefore?.before ?? subject.status, after: decisionType === 'hide' ? 'hidden' : decisionType === 'remove' ? 'removed' : subject.status }
      : { before: null, after: null },
    /** Suspend and ban decisions: the customer action's request, done or held for a second person's approval. */
    accountAction,
  };
}

async function runAccountAction(accounts: AccountActions, decisionType: 'suspend_author' | 'ban_author', userId: string, input: DecideInput) {
  const outcome =
    decisionType === 'suspend_author'
      ? await accounts.suspend({ userId, days: input.suspendDays!, reason: input.reason })
      : await accounts.ban({ userId, reason: input.reason, confirmation: input.confirmation });
  return { action: decisionType === 'suspend_author' ? 'customers.suspend' : 'customers.ban', requestId: outcome.requestId, status: accountActionStatusOf(outcome), duplicate: outcome.duplicate };
}

/**
 * What a decision acts on: a content item (its author's account for suspend and ban), or
 * a reported account itself, where only account measures, a label or a dismissal apply.
 */
async function decisionSubject(trx: Trx, entry: QueueEntryRow, decisionType: TModerationDecisionType) {
  if (entry.subjectType === 'account') {
    if (decisionType === 'hide' || decisionType === 'remove') {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `A reported account cannot be ${decisionType === 'hide' ? 'hidden' : 'removed'} like content: choose a reason code that dismisses, labels, suspends or bans.` });
    }
    const account = await findAccount(trx, entry.subjectId);
    if (!account) throw new TRPCError({ code: 'CONFLICT', message: 'The reported account no longer exists in the product.' });
    return { userId: account.id, kind: 'account', createdAt: account.createdAt, contentId: null, status: null };
  }
  const content = await findContent(trx, entry.subjectId);
  if (!content) throw new TRPCError({ code: 'CONFLICT', message: 'The reported content no longer exists in the product.' });
  return { userId: content.userId, kind: content.kind, createdAt: content.createdAt, contentId: content.id, status: content.status };
}

import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { ZModerationDecideRequestSchema, type TDsaStatement } from '@opsdesk/shared';
import type { z } from 'zod';
import type { Trx } from '../../db/database.js';
import { lockHeldEntry, type Moderator } from './moderationClaims.service.js';
import { insertDecision, insertOutcomes, recordReporterOutcomes, resolveEntryReports, setContentStatus, type NewOutcome } from './moderationDecision.queries.js';
import { appendEvent } from './moderationEvents.queries.js';
import { findContent } from './moderationItem.queries.js';
import { findActiveReasonCode } from './moderationPolicy.queries.js';
import { markEntryDecided } from './moderationQueue.queries.js';
import { buildStatement, outcomeMessages } from './moderationStatement.js';

type DecideInput = z.output<typeof ZModerationDecideRequestSchema>;

/**
 * A decision on the entry the caller holds, in the caller's transaction (the audit row
 * shares it): the statement of reasons, the product effect (content hidden or removed),
 * the reports resolved, reporter reliability, outcome records for reporters and the
 * author (with how to appeal until decision + 6 months), the entry closed, an event.
 * Account measures (suspend, ban) must go through the customer account actions and their
 * four-eyes rules, which are not wired into decisions yet: they are refused, not copied.
 */
export async function decideEntry(trx: Trx, moderator: Moderator, input: DecideInput) {
  const entry = await lockHeldEntry(trx, moderator, input.entryId);
  const policy = await findActiveReasonCode(trx, input.reasonCode);
  if (!policy) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${input.reasonCode}" is not an active reason code of the policy table.` });
  const decisionType = policy.decisionType;
  if (decisionType === 'suspend_author' || decisionType === 'ban_author') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Suspending or banning the author is done from the customer page (customers.suspend / customers.ban, with their approval rules); decide this item with a content reason code.' });
  }
  if (entry.subjectType !== 'content') throw new TRPCError({ code: 'BAD_REQUEST', message: 'Only content items can be decided here so far.' });
  const content = await findContent(trx, entry.subjectId);
  if (!content) throw new TRPCError({ code: 'CONFLICT', message: 'The reported content no longer exists in the product.' });

  const decisionId = randomUUID();
  const decidedAt = entry.databaseNow;
  const facts = input.facts ?? input.reason;
  const statement: TDsaStatement | null =
    decisionType === 'dismiss'
      ? null
      : buildStatement({
          decisionId,
          decisionType,
          policy,
          facts,
          contentKind: content.kind,
          contentCreatedAt: content.createdAt,
          decidedAt,
          endsAt: null,
          decisionGround: input.decisionGround,
          groundReference: input.groundReference,
          alsoIllegal: input.alsoIllegal,
          territorialScope: input.territorialScope,
          fromReports: entry.reportCount > 0,
        });

  const contentBefore = decisionType === 'hide' || decisionType === 'remove' ? await setContentStatus(trx, content.id, decisionType === 'hide' ? 'hidden' : 'removed') : undefined;
  const decision = await insertDecision(trx, {
    queueEntryId: entry.id,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    authorUserId: entry.authorUserId ?? content.userId,
    decisionType,
    reasonCode: policy.code,
    statement,
    decidedBy: moderator,
    endsAt: null,
  }, decisionId);
  const reports = await resolveEntryReports(trx, entry.id);
  const reporters = [...new Set(reports.map((r) => r.reporterUserId).filter((id): id is string => id !== null))];
  await recordReporterOutcomes(trx, reports.map((r) => r.reporterUserId).filter((id): id is string => id !== null), decisionType !== 'dismiss');

  const messages = outcomeMessages(decisionType, policy.label, decision.appealDeadline);
  const outcomes: NewOutcome[] = reporters.map((reporter) => ({
    recipientRole: 'reporter',
    recipientUserId: reporter,
    reportId: reports.find((r) => r.reporterUserId === reporter)?.reportId ?? null,
    message: messages.reporter,
    howToAppeal: messages.howToAppeal,
  }));
  if (decisionType !== 'dismiss') outcomes.push({ recipientRole: 'author', recipientUserId: content.userId, reportId: null, message: messages.author, howToAppeal: messages.howToAppeal });
  await insertOutcomes(trx, decision.id, decision.appealDeadline, outcomes);

  await markEntryDecided(trx, entry.id);
  await appendEvent(trx, {
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    kind: 'decided',
    queueEntryId: entry.id,
    decisionId: decision.id,
    actor: moderator,
    data: { decisionType, reasonCode: policy.code, reportsResolved: reports.length, contentStatusBefore: contentBefore?.before ?? null },
  });
  return {
    entryId: entry.id,
    decisionId: decision.id,
    decisionType,
    reasonCode: policy.code,
    statement,
    appealDeadline: decision.appealDeadline.toISOString(),
    reportsResolved: reports.length,
    outcomes: outcomes.length,
    contentStatus: { before: contentBefore?.before ?? content.status, after: decisionType === 'hide' ? 'hidden' : decisionType === 'remove' ? 'removed' : content.status },
  };
}

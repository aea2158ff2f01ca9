import { ZModerationAppealDecideRequestSchema, ZModerationAppealGetRequestSchema, ZModerationAppealListRequestSchema, ZModerationAppealOpenRequestSchema } from '@opsdesk/shared';
import type { Trx } from '../../db/database.js';
import type { StaffSession } from '../../trpc/context.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { accountActionsFor } from './moderationAccountActions.js';
import { decideAppeal, getAppeal, listAppeals, openAppeal } from './moderationAppeals.service.js';
import type { Moderator } from './moderationClaims.service.js';

/**
 * `moderation.appeals.*` (docs/moderation.md, "Appeals and reversal"); schemas in
 * shared/src/moderation/moderationAppeals.schemas.ts.
 *
 * - list (query, moderation.read): { status?: 'open'|'upheld'|'reversed' = 'open', forMe?: boolean = false, cursor?, limit?: 1–100 = 50 }
 *   → { items: { id, decisionId, entryId (the decided queue item's, null for a decision without one), subjectType, subjectId, decisionType, reasonCode, firstDeciderLabel, mayDecide, appellantUserId,
 *       appellantRole: 'author'|'reporter', channel, statement, enteredByLabel, status, decidedByLabel, decisionReason, decidedAt, createdAt,
 *       appealDeadline }[], nextCursor: string | null }   (oldest first; forMe = decisions someone else took)
 * - get (query, moderation.read): { appealId } → one item of the list's shape (404 when there is none): where an audit entry links
 * - open (mutation, moderation.decide, audited `moderation.appeal_opened`): { decisionId, appellantUserId, channel?: 'staff_on_behalf'|'product',
 *   statement, reason } → { appealId, decisionId, appellantRole, status: 'open', createdAt, appealDeadline }
 *   (400 after the 6-month deadline, for a reversed decision, or an appellant who is neither author nor reporter; 409 a second appeal by the same person)
 * - decide (mutation, moderation.decide, audited `moderation.appeal_decided`): { appealId, outcome: 'upheld'|'reversed', reason }
 *   → { appealId, decisionId, status, decidedAt, reversal: null | { content?: { restored, from, to }, account?: { lifted, requestId, status, note? } } }
 *   (403 for the moderator who took the decision; 409 when already decided)
 */
const moderatorOf = (session: StaffSession): Moderator => ({ id: session.staff.id, label: session.staff.email });
const change = (action: string) => staffProcedure.meta({ permission: 'moderation.decide', audit: { action, targetType: 'moderation_appeal' } });

export const moderationAppealsRouter = router({
  list: staffProcedure
    .meta({ permission: 'moderation.read' })
    .input(ZModerationAppealListRequestSchema)
    .query(({ ctx, input }) => listAppeals(ctx.db, moderatorOf(ctx.session), input)),
  get: staffProcedure
    .meta({ permission: 'moderation.read' })
    .input(ZModerationAppealGetRequestSchema)
    .query(({ ctx, input }) => getAppeal(ctx.db, moderatorOf(ctx.session), input.appealId)),
  open: change('moderation.appeal_opened')
    .input(ZModerationAppealOpenRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const opened = await openAppeal(ctx.db as Trx, moderatorOf(ctx.session), input);
      ctx.audit.target('moderation_appeal', opened.appealId);
      ctx.audit.change(null, { decisionId: opened.decisionId, appellantUserId: input.appellantUserId, appellantRole: opened.appellantRole, channel: input.channel, status: 'open' });
      return opened;
    }),
  decide: change('moderation.appeal_decided')
    .input(ZModerationAppealDecideRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_appeal', input.appealId);
      const decided = await decideAppeal(ctx.db as Trx, accountActionsFor(ctx), moderatorOf(ctx.session), input);
      ctx.audit.change({ status: 'open' }, { status: decided.status, decisionId: decided.decisionId, reversal: decided.reversal });
      return decided;
    }),
});

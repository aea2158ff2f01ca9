import { TRPCError } from '@trpc/server';
import {
  ZModerationAddNoteRequestSchema,
  ZModerationDecideRequestSchema,
  ZModerationEntryRequestSchema,
  ZModerationItemRequestSchema,
  ZModerationNextRequestSchema,
  ZModerationQueueRequestSchema,
} from '@opsdesk/shared';
import type { Trx } from '../../db/database.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import type { StaffSession } from '../../trpc/context.js';
import { lockEntry } from './moderationQueue.queries.js';
import { releaseLease, renewLease, takeNextEntry, type Moderator } from './moderationClaims.service.js';
import { decideEntry } from './moderationDecide.service.js';
import { appendEvent, insertNote } from './moderationEvents.queries.js';
import { findReasonCodes } from './moderationPolicy.queries.js';
import { entryView, loadItem, loadQueuePage } from './moderationViews.service.js';
import { moderationBulkRouter } from './moderationBulk.router.js';
import { moderationAppealsRouter } from './moderationAppeals.router.js';
import { moderationRulesRouter } from './moderationRules.router.js';
import { accountActionsFor } from './moderationAccountActions.js';

/**
 * Moderation (docs/moderation.md): the queue with its counts, the item page, leased
 * claims ("next item", renew, release), notes, and decisions with a DSA statement of
 * reasons. Reads need moderation.read; every change needs moderation.decide and is
 * audited in the same transaction. Support has neither (no menu, calls refused).
 */
const read = staffProcedure.meta({ permission: 'moderation.read' });
const change = (action: string) => staffProcedure.meta({ permission: 'moderation.decide', audit: { action, targetType: 'moderation_entry' } });
const moderatorOf = (session: StaffSession): Moderator => ({ id: session.staff.id, label: session.staff.email });

export const moderationRouter = router({
  reasonCodes: read.query(({ ctx }) => findReasonCodes(ctx.db)),
  appeals: moderationAppealsRouter,
  bulk: moderationBulkRouter,
  rules: moderationRulesRouter,
  queue: read.input(ZModerationQueueRequestSchema).query(({ ctx, input }) => loadQueuePage(ctx.db, input)),
  item: read.input(ZModerationItemRequestSchema).query(({ ctx, input }) => loadItem(ctx.deps.db, input.entryId)),
  next: change('moderation.claimed')
    .input(ZModerationNextRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const entry = await takeNextEntry(ctx.db as Trx, moderatorOf(ctx.session), input.reasonGroup);
      if (!entry) return { entry: null };
      ctx.audit.target('moderation_entry', entry.id);
      ctx.audit.change(null, { status: entry.status, leaseExpiresAt: entry.leaseExpiresAt });
      return { entry: entryView(entry) };
    }),
  renew: change('moderation.lease_renewed')
    .input(ZModerationEntryRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_entry', input.entryId);
      const renewed = await renewLease(ctx.db as Trx, moderatorOf(ctx.session), input.entryId);
      return { entryId: renewed.entryId, leaseExpiresAt: renewed.leaseExpiresAt.toISOString() };
    }),
  release: change('moderation.released')
    .input(ZModerationEntryRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_entry', input.entryId);
      const released = await releaseLease(ctx.db as Trx, moderatorOf(ctx.session), input.entryId);
      ctx.audit.change({ status: 'claimed' }, { status: released.status });
      return released;
    }),
  addNote: change('moderation.note_added')
    .input(ZModerationAddNoteRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_entry', input.entryId);
      const trx = ctx.db as Trx;
      const entry = await lockEntry(trx, input.entryId);
      if (!entry) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such queue entry.' });
      const moderator = moderatorOf(ctx.session);
      const subject = { subjectType: entry.subjectType, subjectId: entry.subjectId };
      const note = await insertNote(trx, subject, moderator, input.body);
      await appendEvent(trx, { ...subject, kind: 'note', queueEntryId: entry.id, actor: moderator, data: { noteId: note.id } });
      return { id: note.id, createdAt: note.createdAt.toISOString() };
    }),
  decide: change('moderation.decided')
    .input(ZModerationDecideRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_entry', input.entryId);
      const decision = await decideEntry(ctx.db as Trx, moderatorOf(ctx.session), input, accountActionsFor(ctx));
      ctx.audit.change({ status: 'claimed', contentStatus: decision.contentStatus.before }, { status: 'decided', decisionId: decision.decisionId, decisionType: decision.decisionType, reasonCode: decision.reasonCode, contentStatus: decision.contentStatus.after });
      return decision;
    }),
});

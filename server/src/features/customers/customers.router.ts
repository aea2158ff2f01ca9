import { TRPCError } from '@trpc/server';
import { ZAddNoteRequestSchema, ZCustomerRefSchema, ZEditNoteRequestSchema, ZHomeListRequestSchema, ZPinNoteRequestSchema, ZTimelineRequestSchema } from '@opsdesk/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { banAction } from './actions/ban.action.js';
import { cancelAction, undoCancelAction } from './actions/cancel.action.js';
import { changePlanAction } from './actions/changePlan.action.js';
import { pauseCollectionAction, resumeCollectionAction } from './actions/collection.action.js';
import { creditAction } from './actions/credit.action.js';
import { extendTrialAction } from './actions/extendTrial.action.js';
import { refundAction } from './actions/refund.action.js';
import { suspendAction } from './actions/suspend.action.js';
import { unbanAction } from './actions/unban.action.js';
import { loadCustomerPage } from './customerPage.queries.js';
import { findCustomerTimeline } from './customerTimeline.queries.js';
import { findPlanPrices } from './priceCatalog.queries.js';
import { findLatestNotes, findRecentCustomers, recordCustomerView } from './recentCustomers.queries.js';
import { customerExists, findNote, insertNote, setNotePinned, updateOwnNote } from './staffNotes.queries.js';

/** Customer lookup, the customer page and the actions on it. Each action: preview (query) + request (mutation). */
export const customersRouter = router({
  /** Prices a plan change can pick from (the mirror's active, licensed recurring prices). */
  prices: staffProcedure
    .meta({ permission: 'customers.changePlan' })
    .input(z.strictObject({ currency: z.string().regex(/^[A-Za-z]{3}$/, 'A currency is a 3-letter ISO code').default('usd') }))
    .query(({ ctx, input }) => findPlanPrices(ctx.db, input.currency)),

  /** The customer page; opening it puts the customer at the top of the viewer's "Recently viewed". */
  get: staffProcedure
    .meta({ permission: 'customers.read' })
    .input(ZCustomerRefSchema)
    .query(async ({ ctx, input }) => {
      const page = await loadCustomerPage(ctx.db, input.userId, ctx.session.staff.id);
      // A convenience list: failing to record it must not cost the page.
      await recordCustomerView(ctx.db, ctx.session.staff.id, input.userId).catch((error: unknown) => ctx.deps.logger.warn({ err: error }, 'recently viewed customers: the view was not recorded'));
      return page;
    }),

  /** The signed-in staff member's recently viewed customers (the home page's card). */
  recent: staffProcedure
    .meta({ permission: 'customers.read' })
    .input(ZHomeListRequestSchema)
    .query(({ ctx, input }) => findRecentCustomers(ctx.db, ctx.session.staff.id, input.limit)),

  /** The team's newest customer notes, with the customer each is on (the home page's card). */
  latestNotes: staffProcedure
    .meta({ permission: 'customers.read' })
    .input(ZHomeListRequestSchema)
    .query(({ ctx, input }) => findLatestNotes(ctx.db, ctx.session.staff.id, input.limit)),

  timeline: staffProcedure
    .meta({ permission: 'customers.read' })
    .input(ZTimelineRequestSchema)
    .query(({ ctx, input }) => findCustomerTimeline(ctx.db, { userId: input.userId, limit: input.limit, cursor: input.cursor ?? undefined, sources: input.sources })),

  addNote: staffProcedure
    .meta({ permission: 'customers.notes', audit: { action: 'customer.note_added' } })
    .input(ZAddNoteRequestSchema)
    .mutation(async ({ ctx, input }) => {
      if (!(await customerExists(ctx.db, input.userId))) throw new TRPCError({ code: 'NOT_FOUND', message: 'No customer with that id.' });
      ctx.audit.target('customer', input.userId);
      const id = await insertNote(ctx.db, { userId: input.userId, authorId: ctx.session.staff.id, body: input.body });
      const created = (await findNote(ctx.db, id, ctx.session.staff.id))!;
      ctx.audit.change(null, { noteId: id, body: input.body });
      return created.note;
    }),

  /** Only your own notes: someone else's answers NOT_FOUND (FORBIDDEN means a missing permission). */
  editNote: staffProcedure
    .meta({ permission: 'customers.notes', audit: { action: 'customer.note_edited' } })
    .input(ZEditNoteRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const existing = await findNote(ctx.db, input.id, ctx.session.staff.id);
      if (!existing?.note.mine) throw new TRPCError({ code: 'NOT_FOUND', message: 'No note of yours with that id: you can edit only your own notes.' });
      ctx.audit.target('customer', existing.subjectId);
      await updateOwnNote(ctx.db, { id: input.id, authorId: ctx.session.staff.id, body: input.body });
      ctx.audit.change({ noteId: input.id, body: existing.note.body }, { noteId: input.id, body: input.body });
      return (await findNote(ctx.db, input.id, ctx.session.staff.id))!.note;
    }),

  /** Anyone who may write notes may pin any note on the customer. */
  pinNote: staffProcedure
    .meta({ permission: 'customers.notes', audit: { action: 'customer.note_pinned' } })
    .input(ZPinNoteRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const existing = await findNote(ctx.db, input.id, ctx.session.staff.id);
      if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: 'No note with that id.' });
      ctx.audit.target('customer', existing.subjectId);
      if (!input.pinned) ctx.audit.action('customer.note_unpinned');
      await setNotePinned(ctx.db, input.id, input.pinned);
      ctx.audit.change({ noteId: input.id, pinned: existing.note.pinned }, { noteId: input.id, pinned: input.pinned });
      return (await findNote(ctx.db, input.id, ctx.session.staff.id))!.note;
    }),

  previewRefund: refundAction.preview,
  refund: refundAction.request,
  previewSuspend: suspendAction.preview,
  suspend: suspendAction.request,
  previewBan: banAction.preview,
  ban: banAction.request,
  previewUnban: unbanAction.preview,
  unban: unbanAction.request,
  previewChangePlan: changePlanAction.preview,
  changePlan: changePlanAction.request,
  previewCancel: cancelAction.preview,
  cancel: cancelAction.request,
  previewUndoCancel: undoCancelAction.preview,
  undoCancel: undoCancelAction.request,
  previewExtendTrial: extendTrialAction.preview,
  extendTrial: extendTrialAction.request,
  previewCredit: creditAction.preview,
  credit: creditAction.request,
  previewPauseCollection: pauseCollectionAction.preview,
  pauseCollection: pauseCollectionAction.request,
  previewResumeCollection: resumeCollectionAction.preview,
  resumeCollection: resumeCollectionAction.request,
});

import { TRPCError } from '@trpc/server';
import {
  ZCreateStaffRequestSchema,
  ZFindStaffRequestSchema,
  ZGetStaffRequestSchema,
  ZResetStaffPasswordRequestSchema,
  ZResetStaffTotpRequestSchema,
  ZSetStaffStatusRequestSchema,
  ZUpdateStaffRequestSchema,
} from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { findStaffById, listStaff, toStaff } from './staff.queries.js';
import { createStaffMember, resetStaffPassword, resetStaffTotp, setStaffStatus, updateStaffMember } from './staff.service.js';

export const staffRouter = router({
  find: staffProcedure
    .meta({ permission: 'staff.read' })
    .input(ZFindStaffRequestSchema)
    .query(async ({ ctx, input }) => (await listStaff(ctx.db, input)).map(toStaff)),

  get: staffProcedure
    .meta({ permission: 'staff.read' })
    .input(ZGetStaffRequestSchema)
    .query(async ({ ctx, input }) => {
      const staff = await findStaffById(ctx.db, input.id);
      if (!staff) throw new TRPCError({ code: 'NOT_FOUND', message: 'No staff member with that id.' });
      return toStaff(staff);
    }),

  create: staffProcedure
    .meta({ permission: 'staff.create', audit: { action: 'staff.created', targetType: 'staff' } })
    .input(ZCreateStaffRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const staff = await createStaffMember(ctx.db, input);
      ctx.audit.target('staff', staff.id);
      ctx.audit.change(null, staff);
      return staff;
    }),

  update: staffProcedure
    .meta({ permission: 'staff.update', audit: { action: 'staff.updated', targetType: 'staff' } })
    .input(ZUpdateStaffRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const { before, after, sessionsRevoked } = await updateStaffMember(ctx.db, input.id, { name: input.name, roles: input.roles });
      ctx.audit.target('staff', input.id);
      ctx.audit.change(before, { ...after, sessionsRevoked });
      return after;
    }),

  disable: staffProcedure
    .meta({ permission: 'staff.disable', audit: { action: 'staff.disabled', targetType: 'staff' } })
    .input(ZSetStaffStatusRequestSchema)
    .mutation(async ({ ctx, input }) => {
      if (input.id === ctx.session.staff.id) throw new TRPCError({ code: 'CONFLICT', message: 'You cannot disable your own account.' });
      const { before, after, sessionsRevoked, requestsVoided } = await setStaffStatus(ctx.db, input.id, 'disabled');
      ctx.audit.target('staff', input.id);
      ctx.audit.change(before, { ...after, sessionsRevoked, requestsVoided });
      return after;
    }),

  enable: staffProcedure
    .meta({ permission: 'staff.disable', audit: { action: 'staff.enabled', targetType: 'staff' } })
    .input(ZSetStaffStatusRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const { before, after } = await setStaffStatus(ctx.db, input.id, 'active');
      ctx.audit.target('staff', input.id);
      ctx.audit.change(before, after);
      return after;
    }),

  resetPassword: staffProcedure
    .meta({ permission: 'staff.resetPassword', audit: { action: 'staff.password_reset', targetType: 'staff' } })
    .input(ZResetStaffPasswordRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const { sessionsRevoked } = await resetStaffPassword(ctx.db, input.id, input.password);
      ctx.audit.target('staff', input.id);
      ctx.audit.change(null, { sessionsRevoked });
      return { ok: true as const, sessionsRevoked };
    }),

  resetTotp: staffProcedure
    .meta({ permission: 'staff.resetTotp', audit: { action: 'staff.totp_reset', targetType: 'staff' } })
    .input(ZResetStaffTotpRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const { before, after, sessionsRevoked } = await resetStaffTotp(ctx.db, input.id);
      ctx.audit.target('staff', input.id);
      ctx.audit.change(before, { ...after, sessionsRevoked });
      return after;
    }),
});

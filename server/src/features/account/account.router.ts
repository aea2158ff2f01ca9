import { TRPCError } from '@trpc/server';
import { AUTHENTICATED, ZChangePasswordRequestSchema, ZConfirmTotpRequestSchema, ZDisableTotpRequestSchema, ZReplaceTotpRequestSchema, type TReplaceTotpRequest } from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { beginTotpEnrollment, confirmTotpEnrollment } from '../auth/auth.service.js';
import { revokeStaffSessions } from '../auth/sessions.queries.js';
import { isTotpRequiredFor } from '../security/security.queries.js';
import { findStaffById, toStaff, updateStaff } from '../staff/staff.queries.js';
import { finishCurrentPassword } from './currentPassword.js';
import { replaceTotp } from './replaceTotp.js';

/** The signed-in staff member's own account: password and TOTP. */
export const accountRouter = router({
  get: staffProcedure.meta({ permission: AUTHENTICATED }).query(async ({ ctx }) => {
    const staff = await findStaffById(ctx.db, ctx.session.staff.id);
    if (!staff) throw new TRPCError({ code: 'NOT_FOUND', message: 'Account not found.' });
    return { ...toStaff(staff), totpRequired: await isTotpRequiredFor(ctx.db, staff.roles) };
  }),

  changePassword: staffProcedure
    .meta({
      permission: AUTHENTICATED,
      audit: { action: 'staff.password_changed', targetType: 'staff' },
      reauthenticate: { input: ZChangePasswordRequestSchema, passwords: (input: { currentPassword: string; newPassword: string }) => ({ password: input.currentPassword, newPassword: input.newPassword }) },
    })
    .input(ZChangePasswordRequestSchema)
    .mutation(async ({ ctx }) => {
      ctx.audit.target('staff', ctx.session.staff.id);
      await finishCurrentPassword(ctx, 'Your current password is not correct.');
      // Hashed by the gate, before the transaction opened (argon2 holds no connection).
      await updateStaff(ctx.db, ctx.session.staff.id, { passwordHash: ctx.currentPassword!.newPasswordHash! });
      // Other browsers signed in with the old password are signed out; this one stays.
      const otherSessionsRevoked = await revokeStaffSessions(ctx.db, ctx.session.staff.id, ctx.session.id);
      ctx.audit.change(null, { otherSessionsRevoked });
      return { ok: true as const, otherSessionsRevoked };
    }),

  beginTotpEnrollment: staffProcedure
    .meta({ permission: AUTHENTICATED, audit: { action: 'staff.totp_enrollment_started', targetType: 'staff' } })
    .mutation(({ ctx }) => {
      ctx.audit.target('staff', ctx.session.staff.id);
      return beginTotpEnrollment(ctx.deps.config.sessionSecret, ctx.session.staff);
    }),

  /** First-time only: a member who already has TOTP replaces it with replaceTotp. */
  confirmTotpEnrollment: staffProcedure
    .meta({ permission: AUTHENTICATED, audit: { action: 'staff.totp_enrolled', targetType: 'staff' } })
    .input(ZConfirmTotpRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('staff', ctx.session.staff.id);
      const staff = await confirmTotpEnrollment(ctx, ctx.session.staff.id, input.enrollmentToken, input.code);
      return toStaff(staff);
    }),

  replaceTotp: staffProcedure
    .meta({
      permission: AUTHENTICATED,
      audit: { action: 'staff.totp_replaced', targetType: 'staff' },
      reauthenticate: { input: ZReplaceTotpRequestSchema, passwords: (input: TReplaceTotpRequest) => ({ password: input.currentPassword }) },
    })
    .input(ZReplaceTotpRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('staff', ctx.session.staff.id);
      const { before, after, otherSessionsRevoked } = await replaceTotp(ctx, input);
      ctx.audit.change({ totpEnrolledAt: before.totpEnrolledAt }, { totpEnrolledAt: after.totpEnrolledAt, otherSessionsRevoked });
      return { ...toStaff(after), otherSessionsRevoked };
    }),

  disableTotp: staffProcedure
    .meta({
      permission: AUTHENTICATED,
      audit: { action: 'staff.totp_disabled', targetType: 'staff' },
      reauthenticate: { input: ZDisableTotpRequestSchema, passwords: (input: { password: string }) => ({ password: input.password }) },
    })
    .input(ZDisableTotpRequestSchema)
    .mutation(async ({ ctx }) => {
      ctx.audit.target('staff', ctx.session.staff.id);
      const staff = await finishCurrentPassword(ctx, 'Your password is not correct.');
      if (await isTotpRequiredFor(ctx.db, staff.roles)) {
        throw new TRPCError({ code: 'CONFLICT', message: 'Your role requires two-factor authentication; it cannot be turned off.' });
      }
      return toStaff(await updateStaff(ctx.db, staff.id, { totpSecret: null, totpEnrolledAt: null, totpLastTimeStep: null }));
    }),
});

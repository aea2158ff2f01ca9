import { TRPCError } from '@trpc/server';
import { ROLE_LABELS, ZSecuritySettingsSchema } from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { endSessionsOfUnenrolledMembers, getSecuritySettings, saveSecuritySettings } from './security.queries.js';

export const securityRouter = router({
  get: staffProcedure.meta({ permission: 'security.read' }).query(({ ctx }) => getSecuritySettings(ctx.db)),

  update: staffProcedure
    .meta({ permission: 'security.update', audit: { action: 'security.settings_updated', targetType: 'settings' } })
    .input(ZSecuritySettingsSchema)
    .mutation(async ({ ctx, input }) => {
      const before = await getSecuritySettings(ctx.db);
      // As GitHub does for an organisation: require it of yourself first, or the save would sign you out mid-task.
      const ownRole = input.totpRequiredRoles.find((role) => ctx.session.staff.roles.includes(role));
      if (ownRole && !ctx.session.staff.totpEnrolled) {
        throw new TRPCError({
          code: 'PRECONDITION_FAILED',
          message: `Set up two-factor authentication on your own account (Account page) before requiring it of ${ROLE_LABELS[ownRole]}s: saving this would sign you out.`,
        });
      }
      await saveSecuritySettings(ctx.db, input);
      const signedOut = await endSessionsOfUnenrolledMembers(ctx.db, input.totpRequiredRoles);
      ctx.audit.target('settings', 'security');
      ctx.audit.change(before, { ...input, ...signedOut });
      return { settings: input, ...signedOut };
    }),
});

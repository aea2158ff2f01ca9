import { ZSecuritySettingsSchema } from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { getSecuritySettings, saveSecuritySettings } from './security.queries.js';

export const securityRouter = router({
  get: staffProcedure.meta({ permission: 'security.read' }).query(({ ctx }) => getSecuritySettings(ctx.db)),

  update: staffProcedure
    .meta({ permission: 'security.update', audit: { action: 'security.settings_updated', targetType: 'settings' } })
    .input(ZSecuritySettingsSchema)
    .mutation(async ({ ctx, input }) => {
      const before = await getSecuritySettings(ctx.db);
      await saveSecuritySettings(ctx.db, input);
      ctx.audit.target('settings', 'security');
      ctx.audit.change(before, input);
      return input;
    }),
});

import { AUTHENTICATED, PUBLIC, ZLoginRequestSchema } from '@opsdesk/shared';
import { router, signInProcedure, staffProcedure } from '../../trpc/procedures.js';
import { logIn } from './auth.service.js';
import { revokeSession } from './sessions.queries.js';

export const authRouter = router({
  login: signInProcedure
    .meta({ permission: PUBLIC, audit: { action: 'staff.logged_in', targetType: 'staff' } })
    .input(ZLoginRequestSchema)
    .mutation(({ ctx, input }) => logIn(ctx, input)),

  logout: staffProcedure
    .meta({ permission: AUTHENTICATED, audit: { action: 'staff.logged_out', targetType: 'staff' } })
    .mutation(async ({ ctx }) => {
      ctx.audit.target('staff', ctx.session.staff.id);
      await revokeSession(ctx.db, ctx.session.id);
      ctx.response.clearSessionCookie();
      return { ok: true as const };
    }),

  /** Who am I: the console calls this on load to restore the session and build its menu. */
  me: staffProcedure.meta({ permission: AUTHENTICATED }).query(({ ctx }) => ctx.session.staff),
});

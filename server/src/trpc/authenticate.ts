import { TRPCError } from '@trpc/server';
import type { Role } from '@opsdesk/shared';
import { findLiveSession, touchSession } from '../features/auth/sessions.queries.js';
import { sessionIdFromToken } from '../features/auth/sessionToken.js';
import type { Context, StaffSession } from './context.js';
import { t } from './init.js';

/** Resolves the session cookie to a live staff session, or null. */
export async function resolveSession(ctx: Context): Promise<StaffSession | null> {
  if (!ctx.request.sessionToken) return null;
  const row = await findLiveSession(ctx.deps.db, sessionIdFromToken(ctx.request.sessionToken));
  if (!row) return null;
  await touchSession(ctx.deps.db, row.id);
  return {
    id: row.id,
    staff: { id: row.staffId, email: row.email, name: row.name, roles: row.roles as Role[], totpEnrolled: row.totpEnrolledAt !== null },
  };
}

/** No live session, no entry (401, the stale cookie cleared). Shared with Express routes (http/guardedRoute.ts). */
export async function requireSession(ctx: Context): Promise<StaffSession> {
  const session = await resolveSession(ctx);
  if (session) return session;
  ctx.response.clearSessionCookie();
  throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has ended. Sign in to continue.' });
}

/** Step 1 of staffProcedure. */
export const authenticate = t.middleware(async ({ ctx, next }) => next({ ctx: { session: await requireSession(ctx) } }));

import { TRPCError } from '@trpc/server';
import { AUTHENTICATED, isAllowed, isPermission, PUBLIC, type AccessRule } from '@opsdesk/shared';
import { insertAuditEntry } from '../features/audit/audit.queries.js';
import type { Context, StaffSession } from './context.js';
import { t } from './init.js';

/**
 * Checks `rule` against the shared table for the session's roles. Fails closed: no rule,
 * an unknown permission, or `public` on a staff call is FORBIDDEN. A refused call that
 * is audited (a mutation, a guarded Express route) leaves a `denied` row named `action`.
 */
export async function requirePermission(ctx: Context, session: StaffSession, rule: AccessRule | undefined, refusal: { audited: boolean; action: string; name: string }): Promise<void> {
  const known = rule === AUTHENTICATED || (rule !== undefined && rule !== PUBLIC && isPermission(rule));
  if (known && isAllowed(rule, session.staff.roles)) return;

  if (refusal.audited) {
    await insertAuditEntry(ctx.deps.db, {
      actor: session.staff,
      action: refusal.action,
      result: 'denied',
      error: known ? `missing permission ${rule}` : `procedure ${refusal.name} declares no valid permission`,
      request: ctx.request,
    });
  }
  throw new TRPCError({ code: 'FORBIDDEN', message: known ? `You do not have permission to do this (${rule}).` : 'This action is not available.' });
}

/** Step 2 of staffProcedure: reads `meta.permission`; a refused mutation is audited as `denied`. */
export const authorize = t.middleware(async ({ ctx, meta, type, path, next }) => {
  const session = (ctx as Context & { session: StaffSession }).session;
  await requirePermission(ctx, session, meta?.permission, { audited: type === 'mutation', action: meta?.audit?.action ?? path, name: path });
  return next();
});

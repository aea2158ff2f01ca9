import { TRPCError } from '@trpc/server';
import { AUTHENTICATED, isAllowed, isPermission, PUBLIC } from '@opsdesk/shared';
import { insertAuditEntry } from '../features/audit/audit.queries.js';
import type { Context, StaffSession } from './context.js';
import { t } from './init.js';

/**
 * Step 2 of staffProcedure: reads `meta.permission` and checks it against the shared
 * table. Fails closed: no meta, an unknown permission, or `public` on a staff procedure
 * is FORBIDDEN. A refused mutation is recorded on the audit log as `denied`.
 */
export const authorize = t.middleware(async ({ ctx, meta, type, path, next }) => {
  const session = (ctx as Context & { session: StaffSession }).session;
  const rule = meta?.permission;
  const known = rule === AUTHENTICATED || (rule !== undefined && rule !== PUBLIC && isPermission(rule));
  if (known && isAllowed(rule, session.staff.roles)) return next();

  if (type === 'mutation') {
    await insertAuditEntry(ctx.deps.db, {
      actor: session.staff,
      action: meta?.audit?.action ?? path,
      result: 'denied',
      error: known ? `missing permission ${rule}` : `procedure ${path} declares no valid permission`,
      request: ctx.request,
    });
  }
  throw new TRPCError({ code: 'FORBIDDEN', message: known ? `You do not have permission to do this (${rule}).` : 'This action is not available.' });
});

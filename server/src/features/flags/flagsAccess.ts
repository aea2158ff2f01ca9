import { TRPCError } from '@trpc/server';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { requirePermission } from '../../trpc/authorize.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { t } from '../../trpc/init.js';
import { findEnvironment } from './flags.queries.js';

/**
 * The flags router's environment policy, attached once like the base procedures' (never
 * inside a handler): after the procedure's own permission (flags.edit), a change to a
 * protected environment (production by default: `ops.flag_environments.protected`) also
 * needs flags.editProduction; a refusal is audited as `denied`. This is the seam for
 * approvals: a later step here will turn a risky production change into a request
 * carrying the diff instead of letting it through.
 */
export const withEnvironmentGate = t.middleware(async ({ ctx, meta, type, path, input, next }) => {
  const staffCtx = ctx as Context & { session: StaffSession; audit: AuditRecorder };
  const { environment, key } = input as { environment: string; key: string };
  staffCtx.audit.target('flag', `${key}@${environment}`);
  const env = await findEnvironment(staffCtx.db, environment);
  if (!env) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${environment}".` });
  if (env.protected) {
    await requirePermission(staffCtx, staffCtx.session, 'flags.editProduction', { audited: type === 'mutation', action: meta?.audit?.action ?? path, name: path });
  }
  return next();
});

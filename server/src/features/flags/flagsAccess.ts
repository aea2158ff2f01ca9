import { TRPCError } from '@trpc/server';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { requirePermission } from '../../trpc/authorize.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { t } from '../../trpc/init.js';
import { directChangeApprovalReason, needsApprovalError, type ProposedFlagState } from './flagApprovalPolicy.js';
import { findEnvironment } from './flags.queries.js';

/**
 * The flags router's environment policy, attached once like the base procedures' (never
 * inside a handler): after the procedure's own permission (flags.edit), a change to a
 * protected environment (production by default: `ops.flag_environments.protected`) also
 * needs flags.editProduction; a refusal is audited as `denied`. A change there that the
 * approval policy finds risky (flagApprovalPolicy.ts) is refused with PRECONDITION_FAILED
 * (audited as a failure): it must go through flags.requestChange, so saving directly is
 * never a way around four-eyes. Procedures whose input is not a proposed state (no
 * `enabled`) only get the permission check.
 */
export const withEnvironmentGate = t.middleware(async ({ ctx, meta, type, path, input, next }) => {
  const staffCtx = ctx as Context & { session: StaffSession; audit: AuditRecorder };
  const { environment, key } = input as { environment: string; key: string };
  staffCtx.audit.target('flag', `${key}@${environment}`);
  const env = await findEnvironment(staffCtx.db, environment);
  if (!env) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${environment}".` });
  if (env.protected) {
    await requirePermission(staffCtx, staffCtx.session, 'flags.editProduction', { audited: type === 'mutation', action: meta?.audit?.action ?? path, name: path });
    const proposed = input as Partial<ProposedFlagState>;
    if (type === 'mutation' && typeof proposed.enabled === 'boolean') {
      const change = { key, environment, enabled: proposed.enabled, strategies: proposed.strategies ?? [], variants: proposed.variants ?? [] };
      const reason = await directChangeApprovalReason(staffCtx.deps.db, staffCtx.deps.config, change);
      if (reason) throw needsApprovalError(reason);
    }
  }
  return next();
});

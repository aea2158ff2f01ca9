import { TRPCError } from '@trpc/server';
import type { RiskTier } from '@opsdesk/shared';
import type { z } from 'zod';
import type { AuditRecorder } from './auditMutations.js';
import type { Context, StaffSession } from './context.js';
import { t } from './init.js';

/**
 * Step 4 of staffProcedure: reads `meta.risk` and enforces the tier's rule on the input
 * before the handler runs, so no handler decides for itself how risky it is.
 * - low: nothing to check;
 * - medium: a reason is required;
 * - high: a reason, and the target's confirm text (the customer's email) typed to confirm.
 *
 * The middleware runs before tRPC parses the input, so a risky procedure names its
 * input schema and how to find what the input acts on in `meta.riskTarget`; the target
 * found is handed to the handler as `ctx.riskTarget` (it is not looked up twice).
 * Fails closed: a procedure that declares a tier without `riskTarget` is refused.
 */
export interface RiskTarget {
  type: string;
  id: string;
  /** What a `high` tier must be confirmed with (the customer's email). */
  confirmText?: string | null;
}

export type RiskFields = { reason?: string; confirmation?: string };

export interface RiskTargetResolver<TInput extends RiskFields = RiskFields> {
  /** The procedure's own input schema: the check reads the input as the handler will. */
  input: z.ZodType<TInput>;
  find(ctx: Context & { session: StaffSession }, input: TInput): Promise<RiskTarget>;
}

export function checkRiskTier(risk: RiskTier, input: RiskFields, target: RiskTarget): void {
  if (risk !== 'low' && !input.reason?.trim()) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'reason: A reason is required for this action.' });
  }
  if (risk === 'high') {
    const expected = target.confirmText?.trim().toLowerCase();
    if (!expected || input.confirmation?.trim().toLowerCase() !== expected) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `confirmation: Type ${target.confirmText ?? 'the customer’s email'} to confirm.` });
    }
  }
}

export const enforceRiskTier = t.middleware(async ({ ctx, meta, type, getRawInput, next }) => {
  const tier = meta?.risk;
  if (!tier) return next({ ctx: { riskTarget: null as RiskTarget | null } });
  const resolver = meta.riskTarget;
  if (!resolver) throw new TRPCError({ code: 'FORBIDDEN', message: 'This action is not available.' });

  // The same answer tRPC's own input parsing gives (400, not audited as a failure).
  const parsed = resolver.input.safeParse(await getRawInput());
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
  const staffCtx = ctx as Context & { session: StaffSession; audit: AuditRecorder };
  const target = await resolver.find(staffCtx, parsed.data);
  // A refusal below is audited against what it was aimed at.
  if (type === 'mutation') staffCtx.audit.target(target.type, target.id);
  checkRiskTier(tier, parsed.data, target);
  return next({ ctx: { riskTarget: target as RiskTarget | null } });
});

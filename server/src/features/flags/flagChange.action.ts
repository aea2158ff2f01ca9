import { TRPCError } from '@trpc/server';
import type { FlagStrategy, FlagVariant } from '@opsdesk/shared';
import { ZFlagChangeRequestSchema, type TFlagChangePreview } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { DbOrTrx } from '../../db/database.js';
import { defineStaffAction, type ActionContext } from '../actionRequests/staffAction.js';
import { flagChangeApprovalReason } from './flagApprovalPolicy.js';
import { FLAG_CHANGE_ACTION, findExecutingFlagChange } from './flagChange.queries.js';
import { previewFlagImpact } from './flagImpact.service.js';
import { findEnvironment, findFlagByKey, findState, lockEnvironment } from './flags.queries.js';
import { setEnvironmentState } from './flags.service.js';

type FlagChangeInput = {
  key: string;
  environment: string;
  enabled: boolean;
  strategies: FlagStrategy[];
  variants: FlagVariant[];
  expectedRevision: number;
};

const rulesOf = (state: { enabled: boolean; strategies: unknown; variants: unknown } | undefined) => ({
  enabled: state?.enabled ?? false,
  strategies: (state?.strategies ?? []) as FlagStrategy[],
  variants: (state?.variants ?? []) as FlagVariant[],
});

/** The exact diff an approver decides on: the state now, the state proposed, and what it flips. */
async function previewFlagChange(ctx: ActionContext, input: FlagChangeInput): Promise<TFlagChangePreview> {
  const env = await findEnvironment(ctx.db, input.environment);
  if (!env) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${input.environment}".` });
  const flag = await findFlagByKey(ctx.db, input.key);
  if (!flag) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${input.key}".` });
  if (flag.archivedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: `Flag "${input.key}" is archived.` });
  // The diff is against what the requester saw: a newer state makes it a different request.
  if (String(input.expectedRevision) !== env.revision) {
    throw new TRPCError({ code: 'CONFLICT', message: `${input.environment} changed since you loaded it (revision ${env.revision}, not ${input.expectedRevision}); reload and make the change again.` });
  }
  const after = { enabled: input.enabled, strategies: input.strategies, variants: input.variants };
  // The impact scan only reads; it runs on the pool, outside the request's transaction.
  const impact = await previewFlagImpact(ctx.deps.db, { key: input.key, environment: input.environment, ...after });
  return { key: flag.key, environment: input.environment, flagType: flag.type, revision: input.expectedRevision, before: rulesOf(await findState(ctx.db, flag.id, input.environment)), after, impact };
}

/**
 * Why a stored change can no longer apply: the flag itself moved since it was requested
 * (its rules in that environment differ from the diff's "before", its type changed, or it
 * was archived). Other flags changing the environment's revision meanwhile do not make
 * it stale: the approver decides on this flag's diff, and that diff still holds.
 */
async function staleReason(db: DbOrTrx, preview: TFlagChangePreview): Promise<string | null> {
  const flag = await findFlagByKey(db, preview.key);
  const stale = (what: string) => `This request is stale: ${what} since it was made; make the request again.`;
  if (!flag || flag.archivedAt) return stale(`flag ${preview.key} was archived`);
  if (flag.type !== preview.flagType) return stale(`flag ${preview.key} became a ${flag.type} flag`);
  const now = rulesOf(await findState(db, flag.id, preview.environment));
  return JSON.stringify(now) === JSON.stringify(rulesOf(preview.before)) ? null : stale(`flag ${preview.key} changed in ${preview.environment}`);
}

/**
 * A flag change in a protected environment as a staff action (docs/flags.md,
 * "Approvals"): the same four-eyes machinery as customer actions. A change the policy
 * finds risky (flagApprovalPolicy.ts) is held with its diff and impact until another
 * admin approves; an approval applies the stored diff once, and only if the flag's rules
 * are still the ones it was requested against: a flag changed meanwhile makes the request
 * stale, never overwritten. It applies the request as stored when it executes, read under
 * the environment's lock, not the copy the approval read: a GDPR erasure rewrites stored
 * requests that name the person (flagSubjectErasure.service.ts), and one approved just
 * before must not write them back.
 * Target `flag` / `<key>@<environment>`, like the direct edit's audit rows.
 */
export const flagChangeAction = defineStaffAction({
  name: FLAG_CHANGE_ACTION,
  permission: 'flags.editProduction',
  audit: 'flags.environment_changed',
  risk: 'medium',
  input: ZFlagChangeRequestSchema,
  target: async (_ctx, input) => ({ type: 'flag', id: `${input.key}@${input.environment}` }),
  preview: (ctx, input) => previewFlagChange(ctx, input),
  needsApproval: (ctx, _input, preview) => flagChangeApprovalReason(ctx.db, ctx.deps.config, preview),
  idempotencyParts: (input, preview) => [input.key, input.environment, preview.revision, preview.before, preview.after],
  staleReason,
  async execute(ctx, { environment }, { idempotencyKey }) {
    return ctx.deps.db.transaction().execute(async (trx) => {
      // Locked first: no change can slip in between this check and the write.
      await lockEnvironment(trx, environment);
      const stored = await findExecutingFlagChange(trx, idempotencyKey);
      if (!stored) throw new TRPCError({ code: 'CONFLICT', message: 'This change request is no longer being carried out: nothing was applied.' });
      const input = ZFlagChangeRequestSchema.parse(stored.input);
      const stale = await staleReason(trx, stored.preview as TFlagChangePreview);
      if (stale) throw new TRPCError({ code: 'CONFLICT', message: stale });
      // Checked against the flag's own rules under the lock above, not the environment's revision.
      const result = await setEnvironmentState(trx, { ...input, expectedRevision: undefined }, ctx.actor.id);
      // The direct edit's answer: the state now served (the audit row's `before` is the preview, with the state it replaced).
      return { key: result.flag.key, environment, ...result.after, revision: result.revision, changed: result.changed };
    });
  },
});

import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { FlagStrategy, FlagVariant } from '@opsdesk/shared';
import { ZFlagKeyRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { DbOrTrx } from '../../../db/database.js';
import { insertAuditEntry } from '../../audit/audit.queries.js';
import { findFlagByKey, findState, lockEnvironment } from '../../flags/flags.queries.js';
import { setEnvironmentState } from '../../flags/flags.service.js';
import { defineRunbookAction } from '../runbookAction.js';

/** The environment a kill switch protects; the one the product serves its users from. */
const PRODUCTION = 'production';
export const FLAG_KILL_SWITCH_ENTRY = 'kill-switch';

export const ZFlagKillSwitchParamsSchema = z.strictObject({ flag: ZFlagKeyRequestSchema.shape.key });
export type TFlagKillSwitchParams = z.infer<typeof ZFlagKillSwitchParamsSchema>;

/** The flag as the plan sees it; refuses (400/404) what a kill switch may not touch. */
async function killSwitchState(db: DbOrTrx, key: string) {
  const flag = await findFlagByKey(db, key);
  if (!flag) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${key}".` });
  if (flag.archivedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: `Flag "${key}" is archived.` });
  if (flag.type !== 'kill-switch') throw new TRPCError({ code: 'BAD_REQUEST', message: `"${key}" is a ${flag.type} flag, not a kill switch: change it on its flag page.` });
  const state = await findState(db, flag.id, PRODUCTION);
  return { flag, state, enabled: state?.enabled ?? false };
}

/**
 * Turns a kill-switch flag off in production (docs/runbook.md "Kill switch"): the
 * strategies and variants stay as they are, so turning it back on restores exactly what
 * was served. The change goes through setEnvironmentState like any edit and is audited
 * as `flags.environment_changed` with `via: runbook`, so the flag's history says so.
 */
export const flagKillSwitchAction = defineRunbookAction({
  name: 'flags.killSwitch',
  title: 'Turn a kill switch off in production',
  summary: 'Turns one kill-switch flag off in production, at once, for every user. Only kill-switch flags that are on; their rules are kept for turning it back on.',
  runbookEntry: FLAG_KILL_SWITCH_ENTRY,
  permission: 'runbooks.run',
  // A production change for every user: a reason, kept on the audit log (medium, like the other live-system changes).
  risk: 'medium',
  params: ZFlagKillSwitchParamsSchema,
  target: (params) => `flag:${params.flag}@${PRODUCTION}`,
  timeoutMs: 60_000,
  async plan(ctx, params) {
    const { flag, state, enabled } = await killSwitchState(ctx.deps.db, params.flag);
    const facts = [
      { label: 'Flag', value: flag.key, kind: 'code' as const },
      { label: 'Description', value: flag.description || null },
      { label: 'Production', value: enabled ? 'on' : 'off', status: enabled ? ('warn' as const) : ('ok' as const) },
      { label: 'Last changed in production', value: state?.updatedAt.toISOString() ?? null, kind: 'datetime' as const },
    ];
    const planState = { flag: flag.key, type: flag.type, enabled, updatedAt: state?.updatedAt.toISOString() ?? null };
    if (!enabled) return { summary: `${flag.key} is already off in production: nothing to do.`, steps: [], empty: true, facts, state: planState };
    return { summary: `Turn ${flag.key} off in production`, steps: [`Set ${flag.key} off in ${PRODUCTION} (strategies and variants kept)`], facts, state: planState };
  },
  async execute(ctx, params) {
    const runId = ctx.runId;
    const result = await ctx.deps.db.transaction().execute(async (trx) => {
      // The environment lock first, so the state read here is the one the change replaces.
      await lockEnvironment(trx, PRODUCTION);
      const { flag, state, enabled } = await killSwitchState(trx, params.flag);
      if (!enabled) return { key: flag.key, changed: false };
      const strategies = (state?.strategies ?? []) as FlagStrategy[];
      const variants = (state?.variants ?? []) as FlagVariant[];
      const change = await setEnvironmentState(trx, { key: flag.key, environment: PRODUCTION, enabled: false, strategies, variants }, ctx.actor?.id ?? null);
      await insertAuditEntry(trx, {
        actor: ctx.actor,
        action: 'flags.environment_changed',
        target: { type: 'flag', id: `${flag.key}@${PRODUCTION}` },
        reason: `via runbook flags.killSwitch (run ${runId})`,
        input: { via: 'runbook', action: 'flags.killSwitch', runId },
        before: change.before,
        after: change.after,
        result: 'success',
        request: { requestId: `runbook-${runId}-${randomBytes(4).toString('hex')}`, ip: null, userAgent: null },
      });
      return { key: flag.key, changed: change.changed };
    });
    await ctx.log(result.changed ? `${result.key} is now off in production.` : `${result.key} was already off in production.`);
    return { summary: result.changed ? `Turned ${result.key} off in production` : `${result.key} was already off in production`, facts: [{ label: 'Production', value: 'off' }] };
  },
});

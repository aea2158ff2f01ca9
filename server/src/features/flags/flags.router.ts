import { TRPCError } from '@trpc/server';
import {
  ZFlagApiKeyCreateRequestSchema,
  ZFlagApiKeyRevokeRequestSchema,
  ZFlagCreateRequestSchema,
  ZFlagImpactRequestSchema,
  ZFlagKeyRequestSchema,
  ZFlagListRequestSchema,
  ZFlagSetEnvironmentRequestSchema,
  ZFlagUpdateRequestSchema,
} from '@opsdesk/shared/flags/flagsApi.schemas';
import type { Trx } from '../../db/database.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { findApiKeys } from './apiKeys.queries.js';
import { createApiKey, revokeKey } from './apiKeys.service.js';
import { previewFlagImpact } from './flagImpact.service.js';
import { flagChangeAction } from './flagChange.action.js';
import { withEnvironmentGate } from './flagsAccess.js';
import { findEnvironments, findFlagByKey, findFlags } from './flags.queries.js';
import { findOwnerOptions, findPlanOptions } from './flagOptions.queries.js';
import { flagSchedulesRouter } from './flagSchedules.router.js';
import { flagSegmentsRouter } from './flagSegments.router.js';
import { flagHistoryQuery } from './flagHistory.query.js';
import { flagMetricsQuery } from './flagMetrics.query.js';
import { flagStaleQuery } from './flagStale.query.js';
import { archiveFlag, createFlag, findFlagStates, flagView, setEnvironmentState, updateFlagMetadata } from './flags.service.js';

/**
 * Feature flags in the console (docs/flags.md): the list with its filters (type, owner,
 * environment state, stale), one flag with its per-environment rules, changes (each
 * audited with before and after; protected environments gated in flagsAccess.ts), and
 * the API keys products read flags with (admins only; the secret is answered once).
 */
const read = staffProcedure.meta({ permission: 'flags.read' });
const edit = (action: string) => staffProcedure.meta({ permission: 'flags.edit', audit: { action, targetType: 'flag' } });
const keys = (action: string) => staffProcedure.meta({ permission: 'flags.keys', audit: { action, targetType: 'flag_api_key' } });

export const flagsRouter = router({
  environments: read.query(async ({ ctx }) => (await findEnvironments(ctx.db)).map((env) => ({ name: env.name, protected: env.protected, revision: Number(env.revision) }))),
  /** Who may own a flag (active staff), for the owner selects. */
  owners: read.query(({ ctx }) => findOwnerOptions(ctx.db)),
  /** The product's plan names, for targeting by plan. */
  plans: read.query(({ ctx }) => findPlanOptions(ctx.db)),
  list: read.input(ZFlagListRequestSchema).query(({ ctx, input }) => findFlags(ctx.db, input)),
  get: read.input(ZFlagKeyRequestSchema).query(async ({ ctx, input }) => {
    const flag = await findFlagByKey(ctx.db, input.key);
    if (!flag) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${input.key}".` });
    return { ...flagView(flag), environments: await findFlagStates(ctx.db, flag.id) };
  }),
  /** What a proposed state would flip, before it is saved (a read: nothing changes, nothing audited). */
  previewImpact: read.input(ZFlagImpactRequestSchema).query(({ ctx, input }) => previewFlagImpact(ctx.db, input)),
  create: edit('flags.created')
    .input(ZFlagCreateRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('flag', input.key);
      const flag = await createFlag(ctx.db as Trx, input);
      ctx.audit.change(null, flag);
      return flag;
    }),
  update: edit('flags.updated')
    .input(ZFlagUpdateRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('flag', input.key);
      const { before, after } = await updateFlagMetadata(ctx.db as Trx, input);
      ctx.audit.change(before, after);
      return after;
    }),
  setEnvironment: edit('flags.environment_changed')
    .input(ZFlagSetEnvironmentRequestSchema)
    .use(withEnvironmentGate)
    .mutation(async ({ ctx, input }) => {
      const result = await setEnvironmentState(ctx.db as Trx, input, ctx.session.staff.id);
      ctx.audit.change(result.before, result.after);
      return { key: result.flag.key, environment: input.environment, ...result.after, revision: result.revision, changed: result.changed };
    }),
  /** A change in a protected environment as a four-eyes request (flagChange.action.ts; docs/flags.md, "Approvals"). */
  previewChange: flagChangeAction.preview,
  requestChange: flagChangeAction.request,
  archive: edit('flags.archived')
    .input(ZFlagKeyRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('flag', input.key);
      const { before, after, changed } = await archiveFlag(ctx.db as Trx, input.key);
      ctx.audit.change(before, after);
      return { ...after, changed };
    }),
  schedules: flagSchedulesRouter,
  segments: flagSegmentsRouter,
  history: flagHistoryQuery,
  metrics: flagMetricsQuery,
  stale: flagStaleQuery,
  keys: router({
    list: staffProcedure.meta({ permission: 'flags.keys' }).query(({ ctx }) => findApiKeys(ctx.db, { includeRevoked: true })),
    create: keys('flags.key_created')
      .input(ZFlagApiKeyCreateRequestSchema)
      .mutation(async ({ ctx, input }) => {
        const { key, secret } = await createApiKey(ctx.db as Trx, input, { id: ctx.session.staff.id, label: ctx.session.staff.email });
        ctx.audit.target('flag_api_key', key.id);
        // The audit row keeps the prefix, never the secret.
        ctx.audit.change(null, key);
        return { ...key, secret };
      }),
    revoke: keys('flags.key_revoked')
      .input(ZFlagApiKeyRevokeRequestSchema)
      .mutation(async ({ ctx, input }) => {
        ctx.audit.target('flag_api_key', input.id);
        const { key, alreadyRevoked } = await revokeKey(ctx.db as Trx, input.id, ctx.session.staff.email);
        ctx.audit.change(alreadyRevoked ? key : { ...key, revokedAt: null }, key);
        return { ...key, alreadyRevoked };
      }),
  }),
});

import { TRPCError } from '@trpc/server';
import type { Trx } from '../../db/database.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { requirePermission } from '../../trpc/authorize.js';
import type { Context, StaffSession } from '../../trpc/context.js';
import { t } from '../../trpc/init.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { withEnvironmentGate } from './flagsAccess.js';
import { findEnvironment } from './flags.queries.js';
import { flagApplyScheduleJob } from './flagSchedules.job.js';
import { findScheduleById, findSchedules } from './flagSchedules.queries.js';
import { ZFlagScheduleCancelRequestSchema, ZFlagScheduleCreateRequestSchema, ZFlagScheduleListRequestSchema } from './flagSchedules.schemas.js';
import { cancelSchedule, createSchedule } from './flagSchedules.service.js';

/**
 * `flags.schedules.*` (docs/flags.md "Scheduled changes"): the same permissions as
 * changing that environment now (flags.edit; flags.editProduction for a protected one),
 * since a schedule is that change made later. Creating and cancelling are audited.
 */
const edit = (action: string) => staffProcedure.meta({ permission: 'flags.edit', audit: { action, targetType: 'flag_schedule' } });

/** The environment gate for a request that names a schedule, not an environment: the schedule's environment decides. */
const withScheduleEnvironmentGate = t.middleware(async ({ ctx, meta, type, path, input, next }) => {
  const staffCtx = ctx as Context & { session: StaffSession; audit: AuditRecorder };
  const { id } = input as { id: string };
  staffCtx.audit.target('flag_schedule', id);
  const schedule = await findScheduleById(staffCtx.db, id);
  if (!schedule) throw new TRPCError({ code: 'NOT_FOUND', message: 'No scheduled change with that id.' });
  const env = await findEnvironment(staffCtx.db, schedule.environment);
  if (env?.protected) {
    await requirePermission(staffCtx, staffCtx.session, 'flags.editProduction', { audited: type === 'mutation', action: meta?.audit?.action ?? path, name: path });
  }
  return next();
});

export const flagSchedulesRouter = router({
  list: staffProcedure
    .meta({ permission: 'flags.read' })
    .input(ZFlagScheduleListRequestSchema)
    .query(({ ctx, input }) => findSchedules(ctx.db, input)),
  create: edit('flags.schedule_created')
    .input(ZFlagScheduleCreateRequestSchema)
    .use(withEnvironmentGate)
    .mutation(async ({ ctx, input }) => {
      const staff = ctx.session.staff;
      const schedule = await createSchedule(ctx.db as Trx, flagApplyScheduleJob, input, { id: staff.id, email: staff.email });
      ctx.audit.target('flag_schedule', schedule.id);
      ctx.audit.change(null, { ...schedule, enabled: input.enabled, strategies: input.strategies, variants: input.variants });
      return schedule;
    }),
  cancel: edit('flags.schedule_cancelled')
    .input(ZFlagScheduleCancelRequestSchema)
    .use(withScheduleEnvironmentGate)
    .mutation(({ ctx, input }) => cancelSchedule(ctx.db as Trx, ctx.audit, input.id, ctx.session.staff.id)),
});

import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { FlagStrategy, FlagVariant } from '@opsdesk/shared';
import type { Db, Trx } from '../../db/database.js';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { cancelJob } from '../jobs/cancelJob.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import type { JobKind } from '../jobs/jobKind.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { findFlagByKey, findState, lockEnvironment } from './flags.queries.js';
import { setEnvironmentState, type EnvironmentState } from './flags.service.js';
import { findFlagKeyById, finishSchedule, insertSchedule, lockSchedule, setScheduleJob } from './flagSchedules.queries.js';

/**
 * Scheduled flag changes (docs/flags.md "Scheduled changes"). A schedule is a row plus a
 * durable job due at its time, written in the caller's transaction; the job applies it
 * through `setEnvironmentState` (the one way to change a flag) with an audit row naming
 * who scheduled it. The schedule row, locked, is what makes it apply once: a retried or
 * late job finds it no longer pending; a cancel and the job serialise on that lock.
 */

export async function createSchedule(
  trx: Trx,
  applyKind: JobKind<{ scheduleId: string }>,
  input: { key: string; environment: string; runAt: Date } & EnvironmentState,
  staff: { id: string; email: string },
) {
  const flag = await findFlagByKey(trx, input.key);
  if (!flag) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${input.key}".` });
  if (flag.archivedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: `Flag "${input.key}" is archived.` });
  const base = await findState(trx, flag.id, input.environment);
  const schedule = await insertSchedule(trx, {
    flagId: flag.id,
    environment: input.environment,
    enabled: input.enabled,
    strategies: input.strategies,
    variants: input.variants,
    runAt: input.runAt,
    baseUpdatedAt: base?.updatedAt ?? null,
    createdBy: staff.id,
    createdByEmail: staff.email,
  });
  const job = await enqueueJob(trx, applyKind, { scheduleId: schedule.id }, { startedBy: staff.id, runAt: input.runAt });
  await setScheduleJob(trx, schedule.id, job.id);
  return { id: schedule.id, key: flag.key, environment: schedule.environment, runAt: schedule.runAt, status: schedule.status, jobId: job.id };
}

/** Cancels a pending schedule and its job; cancelling twice (or after it ran) is a CONFLICT naming its status. */
export async function cancelSchedule(trx: Trx, audit: AuditRecorder, id: string, staffId: string) {
  const schedule = await lockSchedule(trx, id);
  if (!schedule) throw new TRPCError({ code: 'NOT_FOUND', message: 'No scheduled change with that id.' });
  if (schedule.status !== 'pending') throw new TRPCError({ code: 'CONFLICT', message: `This scheduled change is already ${schedule.status}.` });
  await finishSchedule(trx, id, 'cancelled', null);
  if (schedule.jobId) {
    // A job already running finds the schedule cancelled and does nothing; one already finished needs no cancel.
    await cancelJob(trx, audit, schedule.jobId, staffId).catch((error: unknown) => {
      if (!(error instanceof TRPCError && error.code === 'CONFLICT')) throw error;
    });
  }
  audit.target('flag_schedule', id);
  audit.change({ status: 'pending' }, { status: 'cancelled' });
  return { id, status: 'cancelled' as const };
}

type ApplyOutcome = { status: 'applied' | 'stale' | 'failed'; changed?: boolean; error?: string } | { status: 'skipped'; was: string };

/**
 * The job's work. Stale when the flag's state in that environment changed since the
 * schedule was made (someone edited it meanwhile): not applied, so nobody's later edit
 * is silently overwritten. A refusal of the change itself (flag archived) fails it.
 */
export async function applySchedule(db: Db, scheduleId: string, jobId: string): Promise<ApplyOutcome> {
  const request = { requestId: `job-${jobId}-${randomBytes(4).toString('hex')}`, ip: null, userAgent: null };
  try {
    return await db.transaction().execute(async (trx) => {
      const schedule = await lockSchedule(trx, scheduleId);
      if (!schedule) return { status: 'failed' as const, error: 'The scheduled change no longer exists.' };
      if (schedule.status !== 'pending') return { status: 'skipped' as const, was: schedule.status };
      // The environment lock before reading its state, as setEnvironmentState takes it: an edit committing meanwhile is seen, not overwritten.
      await lockEnvironment(trx, schedule.environment);
      const flag = await findFlagKeyById(trx, schedule.flagId);
      const target = { type: 'flag', id: `${flag.key}@${schedule.environment}` };
      const reason = `Scheduled change ${schedule.id} by ${schedule.createdByEmail}`;
      const current = await findState(trx, schedule.flagId, schedule.environment);
      if ((current?.updatedAt?.getTime() ?? null) !== (schedule.baseUpdatedAt?.getTime() ?? null)) {
        const error = `${flag.key} changed in ${schedule.environment} since this change was scheduled; schedule it again.`;
        await finishSchedule(trx, schedule.id, 'stale', error);
        await insertAuditEntry(trx, { actor: null, action: 'flags.schedule_stale', target, reason, input: { scheduleId: schedule.id, scheduledBy: schedule.createdByEmail }, result: 'failure', error, request });
        return { status: 'stale' as const, error };
      }
      const proposed = { enabled: schedule.enabled, strategies: schedule.strategies as FlagStrategy[], variants: schedule.variants as FlagVariant[] };
      const result = await setEnvironmentState(trx, { key: flag.key, environment: schedule.environment, ...proposed }, schedule.createdBy);
      await finishSchedule(trx, schedule.id, 'applied');
      await insertAuditEntry(trx, {
        actor: null,
        action: 'flags.environment_changed',
        target,
        reason,
        input: { via: 'schedule', scheduleId: schedule.id, scheduledBy: schedule.createdByEmail },
        before: result.before,
        after: result.after,
        result: 'success',
        request,
      });
      return { status: 'applied' as const, changed: result.changed };
    });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    await db.transaction().execute(async (trx) => {
      const schedule = await lockSchedule(trx, scheduleId);
      if (schedule?.status !== 'pending') return;
      await finishSchedule(trx, scheduleId, 'failed', error.message);
      await insertAuditEntry(trx, { actor: null, action: 'flags.schedule_failed', target: { type: 'flag_schedule', id: scheduleId }, reason: `Scheduled by ${schedule.createdByEmail}`, result: 'failure', error: error.message, request });
    });
    return { status: 'failed', error: error.message };
  }
}

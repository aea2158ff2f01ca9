import { TRPCError } from '@trpc/server';
import {
  ZJobCancelRequestSchema,
  ZJobGetRequestSchema,
  ZJobListRequestSchema,
  ZJobLogRequestSchema,
  ZJobStartRevenueRebuildRequestSchema,
  ZJobStartSelfCheckRequestSchema,
} from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { BUILT_IN_JOB_KINDS } from './builtInJobs.js';
import { cancelJob } from './cancelJob.js';
import { enqueueJob, JobEngineUnavailableError } from './enqueueJob.js';
import { findJobDetail, findJobKindsSeen, findJobsPage } from './jobList.queries.js';
import { findJobLogLines } from './jobLog.queries.js';
import { selfCheckJob } from './kinds/selfCheck.job.js';
import { startRevenueRebuild } from '../revenue/jobs/startRevenueRebuild.js';
import { REVENUE_RECONCILE_JOB } from '../revenue/reconciliation/revenueReconcile.job.js';
import { RUNBOOK_ACTIONS } from '../runbooks/runbookActions.js';
import { runbookJobTitles } from '../runbooks/runbookJobNames.js';

/**
 * Durable jobs in the console (docs/architecture.md, "Jobs"): the list, one job with its
 * progress, its log after a sequence number (the live tail), cancel, and starting the
 * built-in self-check and the revenue rebuild. Runbook actions and reconciliations start
 * their own kinds through their own procedures; they all show up here.
 */
const jobsRead = staffProcedure.meta({ permission: 'jobs.read' });
const jobsStart = staffProcedure.meta({ permission: 'jobs.manage', audit: { action: 'jobs.started', targetType: 'job' } });

/** The engine never started on this database: a clear 503, not a 500. */
function engineUnavailable(error: unknown): never {
  if (error instanceof JobEngineUnavailableError) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message });
  throw error;
}

export const jobsRouter = router({
  list: jobsRead.input(ZJobListRequestSchema).query(({ ctx, input }) => findJobsPage(ctx.db, input)),
  kinds: jobsRead.query(async ({ ctx }) => {
    const titles = new Map([...BUILT_IN_JOB_KINDS, REVENUE_RECONCILE_JOB].map((kind) => [kind.name, kind.title]));
    // Runbook kinds and the reconciliation are listed once a run has used them, under their titles.
    const runbookTitles = runbookJobTitles(RUNBOOK_ACTIONS);
    const names = new Set([...titles.keys(), ...(await findJobKindsSeen(ctx.db))]);
    return [...names].sort().map((name) => ({ name, title: titles.get(name) ?? runbookTitles.get(name) ?? name }));
  }),
  get: jobsRead.input(ZJobGetRequestSchema).query(async ({ ctx, input }) => {
    const job = await findJobDetail(ctx.db, input.id);
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: 'No job with that id.' });
    return job;
  }),
  log: jobsRead.input(ZJobLogRequestSchema).query(async ({ ctx, input }) => {
    const job = await findJobDetail(ctx.db, input.id);
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: 'No job with that id.' });
    return { lines: await findJobLogLines(ctx.db, input.id, input.afterSeq, input.limit), status: job.status, logDropped: job.logDropped };
  }),
  cancel: staffProcedure
    .meta({ permission: 'jobs.manage', audit: { action: 'jobs.cancelled', targetType: 'job' } })
    .input(ZJobCancelRequestSchema)
    .mutation(({ ctx, input }) => cancelJob(ctx.db, ctx.audit, input.id, ctx.session.staff.id)),
  startSelfCheck: jobsStart.input(ZJobStartSelfCheckRequestSchema).mutation(async ({ ctx, input }) => {
    try {
      const job = await enqueueJob(ctx.db, selfCheckJob, input, { startedBy: ctx.session.staff.id });
      ctx.audit.target('job', job.id);
      ctx.audit.change(null, { kind: job.kind, parameters: job.parameters });
      return { id: job.id };
    } catch (error) {
      return engineUnavailable(error);
    }
  }),
  startRevenueRebuild: jobsStart
    .input(ZJobStartRevenueRebuildRequestSchema)
    .mutation(({ ctx }) => startRevenueRebuild(ctx.db, ctx.audit, ctx.session.staff.id).catch(engineUnavailable)),
});

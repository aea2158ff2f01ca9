import { TRPCError } from '@trpc/server';
import {
  ZRunbookChangesRequestSchema,
  ZRunbookPlanRequestSchema,
  ZRunbookRevertNowRequestSchema,
  ZRunbookRunGetRequestSchema,
  ZRunbookRunLogRequestSchema,
  ZRunbookRunRequestSchema,
  ZRunbookRunsRequestSchema,
  type RunbookPlanAnswer,
} from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { findJobLogLines } from '../jobs/jobLog.queries.js';
import { planHashOf } from './planHash.js';
import type { AnyRunbookAction } from './runbookAction.js';
import { withRunbookAction, type ResolvedRunbook } from './runbookAccess.js';
import { RUNBOOK_ACTIONS } from './runbookActions.js';
import { runbookActionMap } from './runbookJobs.js';
import { findRunDetail, findRuns } from './runbookRuns.queries.js';
import { changeView, describeAction, planView, runDetailView, runSummaryView } from './runbookViews.js';
import { requestRun } from './requestRun.js';
import { revertNow } from './revertNow.js';
import { findChanges } from './temporaryChanges.queries.js';

/**
 * Runbook actions in the console (docs/runbook.md): the actions, a plan (dry run, with
 * its hash), a run (queued as a durable job after the action's permission and risk tier
 * are checked, runbookAccess.ts), runs with their live output, and temporary changes
 * with "revert now". Built from a list of actions so tests can serve their own.
 */
const read = staffProcedure.meta({ permission: 'runbooks.read' });

export function createRunbooksRouter(actionList: readonly AnyRunbookAction[] = RUNBOOK_ACTIONS) {
  const actions = runbookActionMap(actionList);
  const titleOf = (name: string) => actions.get(name)?.title ?? name;
  const runbookOf = (ctx: unknown) => (ctx as { runbook: ResolvedRunbook }).runbook;

  return router({
    actions: read.query(() => actionList.map(describeAction)),
    plan: read
      .input(ZRunbookPlanRequestSchema)
      .use(withRunbookAction(actions, { run: false }))
      .query(async ({ ctx }): Promise<RunbookPlanAnswer> => {
        const { spec, params, target } = runbookOf(ctx);
        const plan = await spec.plan({ deps: ctx.deps, actor: ctx.session.staff }, params);
        return { action: spec.name, target, risk: spec.risk, plan: planView(plan), planHash: planHashOf(plan.state), plannedAt: new Date().toISOString() };
      }),
    run: staffProcedure
      .meta({ permission: 'runbooks.run', audit: { action: 'runbooks.run_requested', targetType: 'runbook_run' } })
      .input(ZRunbookRunRequestSchema)
      .use(withRunbookAction(actions, { run: true }))
      .mutation(({ ctx, input }) => requestRun(ctx.db, ctx.deps, ctx.audit, ctx.session.staff, runbookOf(ctx), input, titleOf)),
    runs: read.input(ZRunbookRunsRequestSchema).query(async ({ ctx, input }) => (await findRuns(ctx.db, input)).map((row) => runSummaryView(row, titleOf))),
    getRun: read.input(ZRunbookRunGetRequestSchema).query(async ({ ctx, input }) => {
      const row = await findRunDetail(ctx.db, input.id);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No runbook run with that id.' });
      return runDetailView(row, titleOf);
    }),
    runLog: read.input(ZRunbookRunLogRequestSchema).query(async ({ ctx, input }) => {
      const row = await findRunDetail(ctx.db, input.id);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No runbook run with that id.' });
      const lines = row.jobId ? await findJobLogLines(ctx.db, row.jobId, input.afterSeq, input.limit) : [];
      return { lines, status: row.status, logDropped: row.logDropped ?? 0 };
    }),
    changes: read.input(ZRunbookChangesRequestSchema).query(async ({ ctx, input }) => (await findChanges(ctx.db, input)).map((row) => changeView(row, titleOf))),
    revertNow: staffProcedure
      .meta({ permission: 'runbooks.run', audit: { action: 'runbooks.change_reverted', targetType: 'runbook_change' } })
      .input(ZRunbookRevertNowRequestSchema)
      .mutation(({ ctx, input }) => revertNow(ctx, actions, input.id)),
  });
}

export const runbooksRouter = createRunbooksRouter();

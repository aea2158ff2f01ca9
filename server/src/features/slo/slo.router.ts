import { TRPCError } from '@trpc/server';
import {
  ZSloAlertsRequestSchema,
  ZSloCreateRequestSchema,
  ZSloGetRequestSchema,
  ZSloUpdateRequestSchema,
  type SloActiveAlert,
  type SloAlertsPage,
  type SloDetail,
  type SloSummary,
} from '@opsdesk/shared';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { findActiveAlerts, findAlertEvents } from './sloAlerts.queries.js';
import { findSloById, findSlos } from './slo.queries.js';
import { sloBudgetChart } from './sloBudgetChart.js';
import { activeAlertView, alertEventView, summaryView } from './sloViews.js';
import { createSlo, updateSloById } from './sloWrite.js';

/**
 * SLOs, their status and alert history (docs/observability.md, "SLOs in the console").
 * Contract: shared/src/slo/sloApi.schemas.ts. Statuses and alerts are written by the
 * evaluation job (sloEvaluation.ts); this router reads them, and edits definitions.
 */
const read = staffProcedure.meta({ permission: 'slo.read' });

export const sloRouter = router({
  list: read.query(async ({ ctx }): Promise<SloSummary[]> => (await findSlos(ctx.db)).map(summaryView)),
  get: read.input(ZSloGetRequestSchema).query(async ({ ctx, input }): Promise<SloDetail> => {
    const row = await findSloById(ctx.db, input.id);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No SLO with that id.' });
    const summary = summaryView(row);
    return { ...summary, budgetChart: await sloBudgetChart(ctx.db, summary.definition, new Date()) };
  }),
  create: staffProcedure
    .meta({ permission: 'slo.edit', audit: { action: 'slo.created', targetType: 'slo' } })
    .input(ZSloCreateRequestSchema)
    .mutation(({ ctx, input }) => createSlo(ctx.db, ctx.audit, ctx.session.staff, input)),
  update: staffProcedure
    .meta({ permission: 'slo.edit', audit: { action: 'slo.updated', targetType: 'slo' } })
    .input(ZSloUpdateRequestSchema)
    .mutation(({ ctx, input }) => updateSloById(ctx.db, ctx.audit, ctx.session.staff, input)),
  alerts: read.input(ZSloAlertsRequestSchema).query(async ({ ctx, input }): Promise<SloAlertsPage> => {
    const rows = await findAlertEvents(ctx.db, input);
    return { events: rows.map(alertEventView), nextBefore: rows.length === input.limit ? rows[rows.length - 1]!.id : null };
  }),
  activeAlerts: read.query(async ({ ctx }): Promise<SloActiveAlert[]> => (await findActiveAlerts(ctx.db)).map(activeAlertView)),
});

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
import { decodeAlertEventCursor, encodeAlertEventCursor } from './sloAlertsCursor.js';
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
    // A definition that does not read has no window to chart; the SLO still shows, with why.
    return { ...summary, budgetChart: summary.definition ? await sloBudgetChart(ctx.db, summary.definition, new Date()) : [] };
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
    const before = input.before === undefined ? undefined : decodeAlertEventCursor(input.before);
    // One more than a page: a next page is offered only when there is one.
    const rows = await findAlertEvents(ctx.db, { ...input, before, limit: input.limit + 1 });
    const events = rows.slice(0, input.limit);
    return { events: events.map(alertEventView), nextBefore: rows.length > input.limit ? encodeAlertEventCursor(events.at(-1)!) : null };
  }),
  activeAlerts: read.query(async ({ ctx }): Promise<SloActiveAlert[]> => (await findActiveAlerts(ctx.db)).map(activeAlertView)),
});

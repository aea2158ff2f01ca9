import {
  ZSloDefinitionSchema,
  ZSloRunbookLinkSchema,
  type SloActiveAlert,
  type SloAlertEventView,
  type SloStatus,
  type SloStatusView,
  type SloSummary,
  type TSloDefinition,
  type TSloRunbookLink,
} from '@opsdesk/shared';
import type { AlertEventWithSlo } from './sloAlerts.queries.js';
import type { SloWithStatus } from './slo.queries.js';
import type { SloRow } from './slo.table.js';
import { isPrometheusService } from './sloPrometheus.js';
import { alertRunbook } from './sloRunbooks.js';

/** Rows to the contract's views (shared/src/slo/sloApi.schemas.ts), in one place. */

export const definitionOf = (row: Pick<SloRow, 'definition'>): TSloDefinition => ZSloDefinitionSchema.parse(row.definition);
export const runbookOf = (row: { runbook: unknown }): TSloRunbookLink | null => (row.runbook ? ZSloRunbookLinkSchema.parse(row.runbook) : null);

/** What is stored per SLO after a pass (ops.slo_statuses.status) and shown as is. */
export function statusView(status: SloStatus): SloStatusView {
  return {
    at: new Date(status.at).toISOString(),
    good: status.window.good,
    valid: status.window.valid,
    sli: status.window.sli,
    budgetRemaining: status.window.budgetRemaining,
    enoughData: status.window.enoughData,
    burnRateNow: status.burnRateNow,
    timeToExhaustionMs: status.timeToExhaustionMs,
    alerts: status.alerts.map((a) => ({
      rule: a.rule.id,
      severity: a.rule.severity,
      longWindow: a.rule.longWindow,
      shortWindow: a.rule.shortWindow,
      factor: a.rule.factor,
      state: a.state,
      longBurnRate: a.longBurnRate,
      shortBurnRate: a.shortBurnRate,
    })),
  };
}

export function summaryView(row: SloWithStatus): SloSummary {
  const definition = definitionOf(row);
  return {
    id: row.id,
    definition,
    runbook: runbookOf(row),
    notify: row.notify,
    source: isPrometheusService(definition.service) ? 'prometheus' : 'builtin',
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedByEmail,
    status: (row.status as SloStatusView | null) ?? null,
  };
}

export function alertEventView(row: AlertEventWithSlo): SloAlertEventView {
  return {
    id: row.id,
    sloId: row.sloId,
    service: row.service,
    sloName: row.sloName,
    rule: row.rule,
    severity: row.severity,
    state: row.state,
    at: row.at.toISOString(),
    longBurnRate: row.longBurnRate,
    shortBurnRate: row.shortBurnRate,
    budgetRemaining: row.budgetRemaining,
    runbook: alertRunbook(runbookOf(row), { service: row.service, slo: row.sloName, alert: row.rule, severity: row.severity }),
    delivery: { status: row.deliveryStatus, attempts: row.deliveryAttempts, lastError: row.deliveryLastError },
  };
}

export function activeAlertView(row: AlertEventWithSlo): SloActiveAlert {
  return { ...alertEventView(row), firingSince: (row.firingSince ?? row.at).toISOString() };
}

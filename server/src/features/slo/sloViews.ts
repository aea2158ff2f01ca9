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

/**
 * The stored definition under the current schema, or why it does not read: a row written
 * by an older version, edited by hand in SQL, or a schema tightened since. Readers that
 * go over every SLO (the pass, the list) use this, so one such row cannot stop them.
 */
export type ReadDefinition = { definition: TSloDefinition; problem: null } | { definition: null; problem: string };

export function readDefinition(row: Pick<SloRow, 'definition'>): ReadDefinition {
  const parsed = ZSloDefinitionSchema.safeParse(row.definition);
  if (parsed.success) return { definition: parsed.data, problem: null };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'definition'}: ${issue.message}`).join('; ');
  return { definition: null, problem: `the stored definition does not read under the current schema (${issues}); save the SLO again to repair it`.slice(0, 500) };
}

/** The stored runbook link, or none when it does not read (as a definition may not, above): alerts go out without it rather than not at all. */
export const runbookOf = (row: { runbook: unknown }): TSloRunbookLink | null => (row.runbook ? (ZSloRunbookLinkSchema.safeParse(row.runbook).data ?? null) : null);

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
  const { definition, problem } = readDefinition(row);
  return {
    id: row.id,
    service: row.service,
    name: row.name,
    definition,
    definitionProblem: problem,
    runbook: runbookOf(row),
    notify: row.notify,
    source: isPrometheusService(definition?.service ?? row.service) ? 'prometheus' : 'builtin',
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

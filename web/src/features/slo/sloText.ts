import { formatBudgetRemaining, formatBurnRate, formatTimeToExhaustion, type AlertState, type BurnRateAlertRule, type SloStatusView, type SloSummary, type TSloSli } from '@opsdesk/shared';

/**
 * How the SLO pages word an SLO's state. A window short of valid requests says "Not
 * enough data" wherever a figure would go: never 100 %, never 0 (Pyrra's users were paged
 * by exactly that), and an SLO not yet evaluated says so too.
 */
export const NOT_ENOUGH_DATA = 'Not enough data';
export const NOT_EVALUATED = 'Not evaluated yet';
/** An SLO whose stored definition does not read under the current schema (`definitionProblem` says why). */
export const DEFINITION_UNREADABLE = 'Not evaluated: definition unreadable';

export function sliLabel(sli: TSloSli): string {
  return sli.kind === 'availability' ? 'Availability (requests not failing)' : `Latency (requests under ${sli.thresholdMs.toLocaleString('en-US')} ms)`;
}

export const sloSliLabel = (slo: Pick<SloSummary, 'definition'>) => (slo.definition ? sliLabel(slo.definition.sli) : DEFINITION_UNREADABLE);
export const objectiveLabel = (slo: Pick<SloSummary, 'definition'>) => (slo.definition ? `${slo.definition.objectivePercent} % over ${slo.definition.windowDays} days` : DEFINITION_UNREADABLE);
export const sloTitle = (slo: Pick<SloSummary, 'service' | 'name'>) => `${slo.service} / ${slo.name}`;

/** The status whose figures to show: none for an SLO whose definition does not read (what is stored predates the problem). */
export const shownStatus = (slo: Pick<SloSummary, 'definition' | 'status'>): SloStatusView | null => (slo.definition ? slo.status : null);

export function budgetText(status: SloStatusView | null): string {
  if (!status) return NOT_EVALUATED;
  return status.enoughData ? formatBudgetRemaining(status.budgetRemaining) : NOT_ENOUGH_DATA;
}

export function burnNowText(status: SloStatusView | null): string {
  if (!status) return NOT_EVALUATED;
  return status.enoughData && status.burnRateNow !== null ? formatBurnRate(status.burnRateNow) : NOT_ENOUGH_DATA;
}

/** One line for a card: the budget and the burn, or once what stands in for both ("Not evaluated yet" twice read like a stutter). */
export function burnSummaryText(slo: Pick<SloSummary, 'definition' | 'status'>): string {
  const status = shownStatus(slo);
  if (!slo.definition) return DEFINITION_UNREADABLE;
  if (!status) return NOT_EVALUATED;
  if (!status.enoughData) return NOT_ENOUGH_DATA;
  return `Budget remaining ${budgetText(status)} · burn now ${burnNowText(status)}`;
}

export function exhaustionText(status: SloStatusView | null): string {
  if (!status) return NOT_EVALUATED;
  return status.enoughData ? formatTimeToExhaustion(status.timeToExhaustionMs) : NOT_ENOUGH_DATA;
}

export function sliText(status: SloStatusView | null): string {
  if (!status) return NOT_EVALUATED;
  if (!status.enoughData || status.sli === null) return NOT_ENOUGH_DATA;
  return `${(Math.floor(status.sli * 100_000) / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} % good`;
}

/**
 * What the alert history says when it lists nothing: "No alert matches these filters" on a
 * fresh install, with no filter set, read as if a filter hid the alerts.
 */
export function alertHistoryEmptyText(filter: { sloId?: string; state?: string; severity?: string }): string {
  if (filter.state || filter.severity) return 'No alert matches these filters.';
  return filter.sloId ? 'This SLO has not alerted yet.' : 'No alert has fired yet.';
}

export const ALERT_STATE_LABELS: Record<AlertState | 'resolved', string> = { firing: 'Firing', inactive: 'OK', not_enough_data: NOT_ENOUGH_DATA, resolved: 'Resolved' };

export const ruleLabel = (rule: Pick<BurnRateAlertRule, 'severity' | 'factor' | 'longWindow' | 'shortWindow'>) =>
  `${rule.severity === 'page' ? 'Page' : 'Ticket'}: ${rule.factor}× over ${rule.longWindow} and ${rule.shortWindow}`;

/** Worst first: the least budget left on top; SLOs without enough data, then those not evaluated, after. */
export function worstFirst(slos: SloSummary[]): SloSummary[] {
  const rank = (slo: SloSummary) => {
    const status = shownStatus(slo);
    return !status ? 2 : status.enoughData ? 0 : 1;
  };
  return [...slos].sort((a, b) => rank(a) - rank(b) || (shownStatus(a)?.budgetRemaining ?? 0) - (shownStatus(b)?.budgetRemaining ?? 0));
}

export const DELIVERY_LABELS = { not_configured: 'Not sent (no webhook)', pending: 'Sending', delivered: 'Delivered', failed: 'Delivery failed' } as const;

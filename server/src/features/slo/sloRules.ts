import { BUDGET_SCALE, BURN_RATE_ALERTS, BURN_WINDOW_MINUTES, BURN_WINDOWS, CURRENT_BURN_WINDOW, errorBudgetRatio, errorBudgetUnits, type AlertSeverity, type BurnWindow, type TSloDefinition } from '@opsdesk/shared';
import { WINDOW_PLACEHOLDER, type SliQueryTemplates } from './opsdeskSliQueries.js';

/**
 * Prometheus recording and alerting rules for SLOs, in the shape Sloth generates (metric
 * names, `sloth_*` labels, three groups per SLO), so Sloth's dashboards and habits carry
 * over. Two differences, both to match what Opsdesk itself shows (docs/observability.md):
 * - the low-traffic guard: each window's SLI is recorded only when the window holds at
 *   least `minValidRequests` valid requests, so a quiet window has no SLI and no alert;
 * - the period SLI is bad ÷ valid over the whole window, not an average of 5-minute ratios,
 *   and "current burn rate" reads the last hour, like the console.
 */

export interface SloRuleSpec {
  slo: TSloDefinition;
  queries: SliQueryTemplates;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertingRule>;
}

/** Sloth's id, `service-name`: both are slugs that may hold hyphens, so writers keep it unique (sloWrite.ts). */
export const sloId = (slo: Pick<TSloDefinition, 'service' | 'name'>) => `${slo.service}-${slo.name}`;
const pascal = (slug: string) => slug.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
/** One alert name per SLO, as in Sloth; `sloth_severity` tells the page from the ticket. */
export const sloAlertName = (slo: TSloDefinition) => `${pascal(slo.service)}${pascal(slo.name)}BudgetBurn`;

const indent = (text: string) => text.replace(/^/gm, '  ');

function windowSeconds(window: BurnWindow | `${number}d`): number {
  return window in BURN_WINDOW_MINUTES ? BURN_WINDOW_MINUTES[window as BurnWindow] * 60 : Number.parseInt(window, 10) * 86_400;
}

export function sloRuleGroups({ slo, queries }: SloRuleSpec): RuleGroup[] {
  const id = sloId(slo);
  const sloLabels = { sloth_id: id, sloth_service: slo.service, sloth_slo: slo.name };
  const selector = `{sloth_id="${id}", sloth_service="${slo.service}", sloth_slo="${slo.name}"}`;
  const budget = String(errorBudgetRatio(slo.objectivePercent));
  const objective = String((BUDGET_SCALE - errorBudgetUnits(slo.objectivePercent)) / BUDGET_SCALE);
  const at = (query: string, window: string) => query.replaceAll(WINDOW_PLACEHOLDER, window);
  const ratio = (window: string) => `(${at(queries.errorQuery, window)})\n/\n(${at(queries.totalQuery, window)})`;
  const periodWindow = `${slo.windowDays}d` as const;

  const sliRules: RecordingRule[] = [
    ...BURN_WINDOWS.map((window) => ({
      record: `slo:sli_error:ratio_rate${window}`,
      // The guard: no SLI (hence no alert) for a window with too few valid requests; rate × seconds = increase.
      expr: `(\n${indent(ratio(window))}\n)\nand on ()\n(${at(queries.totalQuery, window)} * ${windowSeconds(window)} >= ${slo.minValidRequests})`,
      labels: { ...sloLabels, sloth_window: window },
    })),
    { record: `slo:sli_error:ratio_rate${periodWindow}`, expr: ratio(periodWindow), labels: { ...sloLabels, sloth_window: periodWindow } },
  ];

  const meta = (record: string, expr: string, extra: Record<string, string> = {}): RecordingRule => ({ record, expr, labels: { ...sloLabels, ...extra } });
  const perBudget = (record: string) => `slo:sli_error:${record}${selector}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${selector}`;
  const metaRules: RecordingRule[] = [
    meta('slo:objective:ratio', `vector(${objective})`),
    meta('slo:error_budget:ratio', `vector(${budget})`),
    meta('slo:time_period:days', `vector(${slo.windowDays})`),
    meta('slo:current_burn_rate:ratio', perBudget(`ratio_rate${CURRENT_BURN_WINDOW}`)),
    meta('slo:period_burn_rate:ratio', perBudget(`ratio_rate${periodWindow}`)),
    meta('slo:period_error_budget_remaining:ratio', `1 - slo:period_burn_rate:ratio${selector}`),
    meta('sloth_slo_info', 'vector(1)', { sloth_objective: String(slo.objectivePercent), sloth_mode: 'opsdesk-slo-rules' }),
  ];

  const alertRule = (severity: AlertSeverity): AlertingRule => {
    const condition = (long: BurnWindow, short: BurnWindow, factor: number) =>
      `(\n    (slo:sli_error:ratio_rate${short}${selector} > (${factor} * ${budget}))\n    and ignoring (sloth_window)\n    (slo:sli_error:ratio_rate${long}${selector} > (${factor} * ${budget}))\n)`;
    const expr = BURN_RATE_ALERTS.filter((a) => a.severity === severity)
      .map((a) => condition(a.longWindow, a.shortWindow, a.factor))
      .join('\nor ignoring (sloth_window)\n');
    return {
      alert: sloAlertName(slo),
      expr,
      labels: { sloth_severity: severity },
      annotations: {
        summary: `${slo.service} ${slo.name} SLO (${slo.objectivePercent} % over ${slo.windowDays} days): error budget burning too fast`,
        title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
      },
    };
  };

  return [
    { name: `sloth-slo-sli-recordings-${id}`, rules: sliRules },
    { name: `sloth-slo-meta-recordings-${id}`, rules: metaRules },
    { name: `sloth-slo-alerts-${id}`, rules: [alertRule('page'), alertRule('ticket')] },
  ];
}

/** The whole rules file; two SLOs with the same service and name would record the same series. */
export function sloRulesFile(specs: readonly SloRuleSpec[]): { groups: RuleGroup[] } {
  const ids = specs.map(({ slo }) => sloId(slo));
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`two SLOs are both named ${duplicate}`);
  return { groups: specs.flatMap(sloRuleGroups) };
}

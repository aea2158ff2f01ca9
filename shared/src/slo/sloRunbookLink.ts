import type { TSloRunbookLink } from './sloApi.schemas.js';

/** The labels an alert carries, which a runbook link's `{{label}}` placeholders may name. */
export interface SloAlertLabels {
  service: string;
  slo: string;
  alert: string;
  severity: string;
}

const PLACEHOLDER = /\{\{\s*(service|slo|alert|severity)\s*\}\}/g;

/** The link's parameters with `{{label}}` filled from the alert's labels; numbers and booleans pass as they are. */
export function fillRunbookParams(params: TSloRunbookLink['params'], labels: SloAlertLabels): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? value.replace(PLACEHOLDER, (_m, label: keyof SloAlertLabels) => labels[label]) : value]),
  );
}

/** Console path of a runbook action's page, its form prefilled from `params` (web: the action's show view). */
export function runbookActionHref(action: string, params: Record<string, string | number | boolean>): string {
  return `/runbooks/${encodeURIComponent(action)}/show?params=${encodeURIComponent(JSON.stringify(params))}`;
}

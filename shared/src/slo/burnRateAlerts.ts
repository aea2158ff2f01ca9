import { burnRate, burnsFasterThan, type EventCounts } from './sloMath.js';

/**
 * The Workbook's multiwindow, multi-burn-rate alerts (product.md, "SLOs"): an alert fires
 * only when both its long and its short window burn faster than its factor. The long
 * window proves the burn is significant; the short one proves it is still happening, so
 * the alert resolves minutes after a burst ends instead of hours.
 */

/** The windows the alerts and the exported rules read, in minutes. */
export const BURN_WINDOW_MINUTES = { '5m': 5, '30m': 30, '1h': 60, '2h': 120, '6h': 360, '1d': 1440, '3d': 4320 } as const;
export type BurnWindow = keyof typeof BURN_WINDOW_MINUTES;
export const BURN_WINDOWS = Object.keys(BURN_WINDOW_MINUTES) as BurnWindow[];

/** "Burn rate now": the last hour, long enough to be steady, short enough to be current. */
export const CURRENT_BURN_WINDOW: BurnWindow = '1h';

export type AlertSeverity = 'page' | 'ticket';

export interface BurnRateAlertRule {
  id: 'page-1h' | 'page-6h' | 'ticket-1d' | 'ticket-3d';
  severity: AlertSeverity;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  factor: number;
}

export const BURN_RATE_ALERTS: readonly BurnRateAlertRule[] = [
  { id: 'page-1h', severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
  { id: 'page-6h', severity: 'page', longWindow: '6h', shortWindow: '30m', factor: 6 },
  { id: 'ticket-1d', severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: 3 },
  { id: 'ticket-3d', severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: 1 },
];

/** Share of the whole SLO window's budget spent by the time the alert fires: 2 % for page-1h on 30 days, 8.6 % on 7. */
export function budgetSpentWhenFiring(alert: BurnRateAlertRule, windowDays: number): number {
  return (alert.factor * BURN_WINDOW_MINUTES[alert.longWindow]) / (windowDays * 24 * 60);
}

export type AlertState = 'firing' | 'inactive' | 'not_enough_data';

export interface BurnRateAlertStatus {
  rule: BurnRateAlertRule;
  state: AlertState;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

export interface AlertTarget {
  objectivePercent: number;
  minValidRequests: number;
}

/** A window can be judged when it holds at least the SLO's minimum of valid events (and at least one). */
export function hasEnoughData(counts: EventCounts, minValidRequests: number): boolean {
  return counts.valid >= Math.max(1, minValidRequests);
}

/** Low-traffic guard first: if either window is short of events, "not enough data", never firing. */
export function evaluateBurnRateAlert(rule: BurnRateAlertRule, slo: AlertTarget, long: EventCounts, short: EventCounts): BurnRateAlertStatus {
  const rates = { longBurnRate: burnRate(long, slo.objectivePercent), shortBurnRate: burnRate(short, slo.objectivePercent) };
  if (!hasEnoughData(long, slo.minValidRequests) || !hasEnoughData(short, slo.minValidRequests)) {
    return { rule, state: 'not_enough_data', ...rates };
  }
  const firing = burnsFasterThan(long, slo.objectivePercent, rule.factor) && burnsFasterThan(short, slo.objectivePercent, rule.factor);
  return { rule, state: firing ? 'firing' : 'inactive', ...rates };
}

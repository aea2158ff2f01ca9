/**
 * The SLO arithmetic of the SRE Workbook, pure: counts in, ratios out.
 *
 * The error budget is held as an integer number of parts per 100 000 (99.5 % → 500), so
 * a budget and the burn-rate comparisons are exact: no "0.0009999999999999432" budget
 * (what 100 − 99.9 gives in floating point) and no "−4.69e−12 %" remaining.
 */

/** Good and valid events counted over one window. */
export interface EventCounts {
  good: number;
  valid: number;
}

export const BUDGET_SCALE = 100_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Parts per 100 000 of valid events the objective lets fail: 99.5 → 500, 95 → 5000. */
export function errorBudgetUnits(objectivePercent: number): number {
  return BUDGET_SCALE - Math.round(objectivePercent * 1000);
}

/** The error budget as a ratio of valid events: 99.5 → 0.005. */
export function errorBudgetRatio(objectivePercent: number): number {
  return errorBudgetUnits(objectivePercent) / BUDGET_SCALE;
}

export function badEvents(counts: EventCounts): number {
  return counts.valid - counts.good;
}

/** Good ÷ valid; null when nothing was measured (no SLI, rather than a made-up 100 %). */
export function sliRatio(counts: EventCounts): number | null {
  return counts.valid === 0 ? null : counts.good / counts.valid;
}

/** Bad ÷ valid; null when nothing was measured. */
export function errorRatio(counts: EventCounts): number | null {
  return counts.valid === 0 ? null : badEvents(counts) / counts.valid;
}

/** Error ratio ÷ error budget: 1 spends the budget exactly over the SLO window, 14.4 spends 2 % of a 30-day budget in an hour. */
export function burnRate(counts: EventCounts, objectivePercent: number): number | null {
  if (counts.valid === 0) return null;
  return (badEvents(counts) * BUDGET_SCALE) / (counts.valid * errorBudgetUnits(objectivePercent));
}

/**
 * Share of the error budget left over the SLO window: 1 − burn rate of the window.
 * 1 (100 %) for a window with no bad events, including one with no events at all; below
 * 0 once more events failed than the objective allows (shown as overspent, see sloFormat).
 */
export function errorBudgetRemaining(counts: EventCounts, objectivePercent: number): number {
  return 1 - (burnRate(counts, objectivePercent) ?? 0);
}

/**
 * True when the window burns strictly faster than `factor` (14.4, 6, 3, 1). Compared in
 * integers (factor in tenths), so a window exactly at the factor never fires, whatever
 * floating point would have said.
 */
export function burnsFasterThan(counts: EventCounts, objectivePercent: number, factor: number): boolean {
  if (counts.valid === 0) return false;
  const left = BigInt(badEvents(counts)) * BigInt(BUDGET_SCALE) * 10n;
  const right = BigInt(Math.round(factor * 10)) * BigInt(counts.valid) * BigInt(errorBudgetUnits(objectivePercent));
  return left > right;
}

/**
 * How long until the budget is gone if the current burn rate holds: remaining × window ÷
 * burn. Null when nothing burns (never), 0 when the budget is already spent.
 */
export function timeToExhaustionMs(remaining: number, currentBurnRate: number | null, windowDays: number): number | null {
  if (remaining <= 0) return 0;
  if (currentBurnRate === null || currentBurnRate <= 0) return null;
  return (remaining * windowDays * DAY_MS) / currentBurnRate;
}

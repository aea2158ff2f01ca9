/**
 * How the console words SLO figures. Budget remaining is rounded to 0.1 % so float noise
 * never shows as "−4.69e−12 %" (slok/sloth#517); an overspent budget is shown negative,
 * with the word, because "−50 %" alone reads like a trend.
 */

const MINUS = '\u2212';

function percentText(ratio: number): string {
  const tenths = Math.round(ratio * 1000);
  const text = `${Math.abs(tenths) / 10} %`;
  return tenths < 0 ? `${MINUS}${text}` : text;
}

/** 0.75 → "75 %"; −0.5 → "−50 % (overspent)". */
export function formatBudgetRemaining(remaining: number): string {
  return Math.round(remaining * 1000) < 0 ? `${percentText(remaining)} (overspent)` : percentText(remaining);
}

/**
 * 14.4 → "14.4×"; null → "not enough data". A burn too small to show in tenths reads
 * "< 0.1×", not "0×": beside a time to exhaustion, "0×" would say nothing burns.
 */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) return 'not enough data';
  if (rate > 0 && rate < 0.05) return '< 0.1×';
  return `${Math.round(rate * 10) / 10}×`;
}

/** Null → "not burning"; 0 → "exhausted"; otherwise days and hours, or hours and minutes. */
export function formatTimeToExhaustion(ms: number | null): string {
  if (ms === null) return 'not burning';
  if (ms <= 0) return 'exhausted';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

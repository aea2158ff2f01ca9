import type { MinuteSample } from './sloEvaluator.js';

/** Evaluation instant of the synthetic series: a whole minute. */
export const AT = Date.UTC(2026, 10, 30, 12, 0);

/**
 * A per-minute series ending at AT, built backwards: `minute(i)` gives the traffic of the
 * i-th minute before AT (i = 1 is the minute just ended), so "the last hour" is i ≤ 60.
 */
export function seriesEndingAt(minutes: number, minute: (i: number) => { valid: number; bad: number }, at = AT): MinuteSample[] {
  return Array.from({ length: minutes }, (_, index) => {
    const i = index + 1;
    const { valid, bad } = minute(i);
    return { minuteStart: at - i * 60_000, good: valid - bad, valid };
  });
}

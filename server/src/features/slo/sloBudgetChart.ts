import { errorBudgetRemaining, sliRatio, type SloBudgetPoint, type TSloDefinition } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { findHourlySums } from './sloSamples.queries.js';
import { eventCountsOf } from './sloSli.js';

const HOUR_MS = 3_600_000;

/**
 * The budget chart of the SLO page: at each point, the budget remaining over the SLO
 * window ending there (what the page's headline figure was at that moment), one point
 * per hour for 7 days and per 6 hours for 30, from the hourly rows of twice the window.
 * A point stands for the end of its hour, and the last one is now: it includes the hour in
 * progress (its hourly row is kept up to date minute by minute), so a burst of errors this
 * hour shows on the chart as it does in the headline figure.
 */
export async function sloBudgetChart(db: DbOrTrx, slo: TSloDefinition, now: Date): Promise<SloBudgetPoint[]> {
  const stepHours = slo.windowDays === 7 ? 1 : 6;
  const windowHours = slo.windowDays * 24;
  const points = windowHours / stepHours;
  const currentHour = Math.floor(now.getTime() / HOUR_MS);
  // The earliest point's window starts here; cumulative index 0 is "before firstHour".
  const firstHour = currentHour - (points - 1) * stepHours - windowHours + 1;
  const hourly = await findHourlySums(db, slo.service, new Date(firstHour * HOUR_MS), new Date((currentHour + 1) * HOUR_MS));

  // Running totals by hour, so each point's window is one subtraction: index h − firstHour + 1 holds hours ≤ h.
  const span = currentHour - firstHour + 1;
  const good = new Float64Array(span + 1);
  const valid = new Float64Array(span + 1);
  for (const { hour, sums } of hourly) {
    const i = Math.round(hour.getTime() / HOUR_MS) - firstHour + 1;
    const counts = eventCountsOf(slo.sli, sums);
    good[i]! += counts.good;
    valid[i]! += counts.valid;
  }
  for (let i = 1; i <= span; i += 1) {
    good[i]! += good[i - 1]!;
    valid[i]! += valid[i - 1]!;
  }

  const chart: SloBudgetPoint[] = [];
  for (let k = points - 1; k >= 0; k -= 1) {
    const endHour = currentHour - k * stepHours;
    const end = endHour - firstHour + 1;
    const counts = { good: good[end]! - good[end - windowHours]!, valid: valid[end]! - valid[end - windowHours]! };
    const at = Math.min(now.getTime(), (endHour + 1) * HOUR_MS);
    chart.push({ at: new Date(at).toISOString(), budgetRemaining: errorBudgetRemaining(counts, slo.objectivePercent), sli: sliRatio(counts) });
  }
  return chart;
}

import {
  BURN_RATE_ALERTS,
  BURN_WINDOW_MINUTES,
  BURN_WINDOWS,
  CURRENT_BURN_WINDOW,
  evaluateBurnRateAlert,
  hasEnoughData,
  type AlertTarget,
  type BurnRateAlertStatus,
  type BurnWindow,
} from './burnRateAlerts.js';
import { burnRate, errorBudgetRemaining, errorRatio, sliRatio, timeToExhaustionMs, type EventCounts } from './sloMath.js';

/**
 * One SLO's state at an instant, from per-minute samples: what the scheduled evaluation
 * job calls every minute and the SLO page shows. Pure: the caller loads the samples.
 *
 * A sample counts the events of the minute starting at `minuteStart`; a window of W
 * minutes ending at `at` holds the samples with `at − W ≤ minuteStart < at`, so samples
 * older than the SLO window never reach the budget (the budget of a window with no bad
 * events is 100 %, whatever happened before it). Missing minutes count as no traffic.
 */

export interface MinuteSample extends EventCounts {
  /** Epoch milliseconds of the minute's start. */
  minuteStart: number;
}

export interface SloTarget extends AlertTarget {
  windowDays: number;
}

export interface WindowStatus extends EventCounts {
  errorRatio: number | null;
  burnRate: number | null;
  enoughData: boolean;
}

export interface SloStatus {
  at: number;
  /** The whole SLO window (7 or 30 days). */
  window: EventCounts & { from: number; sli: number | null; budgetRemaining: number; enoughData: boolean };
  /** Burn rate over CURRENT_BURN_WINDOW (the last hour). */
  burnRateNow: number | null;
  timeToExhaustionMs: number | null;
  windows: Record<BurnWindow, WindowStatus>;
  alerts: BurnRateAlertStatus[];
}

const MINUTE_MS = 60_000;

export function evaluateSlo(slo: SloTarget, samples: Iterable<MinuteSample>, at: number): SloStatus {
  if (!Number.isFinite(at)) throw new RangeError('evaluation time must be a finite epoch in milliseconds');
  const sloWindowMs = slo.windowDays * 24 * 60 * MINUTE_MS;
  const totals = Object.fromEntries(BURN_WINDOWS.map((w) => [w, { good: 0, valid: 0 }])) as Record<BurnWindow, EventCounts>;
  const whole: EventCounts = { good: 0, valid: 0 };

  for (const sample of samples) {
    assertSample(sample);
    const age = at - sample.minuteStart;
    if (age <= 0) continue;
    if (age <= sloWindowMs) add(whole, sample);
    for (const window of BURN_WINDOWS) if (age <= BURN_WINDOW_MINUTES[window] * MINUTE_MS) add(totals[window], sample);
  }

  return sloStatusFromCounts(slo, totals, whole, at);
}

/**
 * The status from counts already summed per window (the server sums them in SQL), so
 * the page, the job and the tests share one arithmetic. `whole` is the SLO window.
 */
export function sloStatusFromCounts(slo: SloTarget, totals: Readonly<Record<BurnWindow, EventCounts>>, whole: EventCounts, at: number): SloStatus {
  const windows = Object.fromEntries(
    BURN_WINDOWS.map((w) => [w, { ...totals[w], errorRatio: errorRatio(totals[w]), burnRate: burnRate(totals[w], slo.objectivePercent), enoughData: hasEnoughData(totals[w], slo.minValidRequests) }]),
  ) as Record<BurnWindow, WindowStatus>;
  const budgetRemaining = errorBudgetRemaining(whole, slo.objectivePercent);
  const now = windows[CURRENT_BURN_WINDOW];
  const burnRateNow = now.enoughData ? now.burnRate : null;

  return {
    at,
    window: { good: whole.good, valid: whole.valid, from: at - slo.windowDays * 24 * 60 * MINUTE_MS, sli: sliRatio(whole), budgetRemaining, enoughData: hasEnoughData(whole, slo.minValidRequests) },
    burnRateNow,
    timeToExhaustionMs: timeToExhaustionMs(budgetRemaining, burnRateNow, slo.windowDays),
    windows,
    alerts: BURN_RATE_ALERTS.map((rule) => evaluateBurnRateAlert(rule, slo, totals[rule.longWindow], totals[rule.shortWindow])),
  };
}

function add(total: EventCounts, sample: EventCounts): void {
  total.good += sample.good;
  total.valid += sample.valid;
}

// Samples come from storage or a Prometheus answer: a count that is negative, fractional
// or has more good than valid events would give a budget above 100 %; refuse it loudly.
function assertSample(sample: MinuteSample): void {
  const { good, valid, minuteStart } = sample;
  if (!Number.isSafeInteger(good) || !Number.isSafeInteger(valid) || good < 0 || good > valid || !Number.isFinite(minuteStart)) {
    throw new RangeError(`invalid SLO sample at ${minuteStart}: good ${good}, valid ${valid} (need whole numbers, 0 ≤ good ≤ valid)`);
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURN_RATE_ALERTS } from './burnRateAlerts.js';
import { evaluateSlo, type MinuteSample } from './sloEvaluator.js';
import { AT, seriesEndingAt } from './slo.testing.js';

/**
 * The burn-rate alerts on synthetic per-minute series, each with its ratios worked out by
 * hand. SLO: 99.5 % (budget 0.5 %), so the factors 14.4 / 6 / 3 / 1 mean error ratios
 * above 7.2 % / 3 % / 1.5 % / 0.5 %. Base traffic 1000 requests a minute over 3 days
 * (4320 minutes, the longest alert window), evaluated at AT.
 */
const SLO = { objectivePercent: 99.5, windowDays: 7, minValidRequests: 50 };
const THREE_DAYS = 4_320;
const firing = (samples: MinuteSample[]) =>
  evaluateSlo(SLO, samples, AT)
    .alerts.filter((a) => a.state === 'firing')
    .map((a) => a.rule.id);

const SERIES: Record<string, { samples: MinuteSample[]; fires: string[] }> = {
  // 10 % errors in the last hour. 5m, 1h: burn 20 > 14.4. 6h: 6000/360k = 1.67 % (3.3× < 6).
  // 1d: 6000/1.44M = 0.42 % (0.8× < 3). 3d: 0.14 % (0.3× < 1).
  'last hour at 10 % errors': { samples: seriesEndingAt(THREE_DAYS, (i) => ({ valid: 1000, bad: i <= 60 ? 100 : 0 })), fires: ['page-1h'] },
  // 4 % errors for 6 hours. 5m: 8× < 14.4. 30m, 6h: 8× > 6. 1d: 14 400/1.44M = 1 % (2× < 3). 3d: 0.33 % (0.67× < 1).
  'last 6 hours at 4 % errors': { samples: seriesEndingAt(THREE_DAYS, (i) => ({ valid: 1000, bad: i <= 360 ? 40 : 0 })), fires: ['page-6h'] },
  // 2 % errors for a day. 1h, 6h: 4× (< 14.4, < 6). 2h, 1d: 4× > 3. The two days before carried
  // 3000 requests a minute without errors: 3d = 28 800 / (1.44M + 8.64M) = 0.29 % (0.57× < 1).
  'last day at 2 % errors after a busy error-free weekend': {
    samples: seriesEndingAt(THREE_DAYS, (i) => (i <= 1_440 ? { valid: 1000, bad: 20 } : { valid: 3000, bad: 0 })),
    fires: ['ticket-1d'],
  },
  // 0.8 % errors for 3 days: every window at 1.6×, above 1 only.
  '3 days at 0.8 % errors': { samples: seriesEndingAt(THREE_DAYS, () => ({ valid: 1000, bad: 8 })), fires: ['ticket-3d'] },
  // Half the requests of the last 5 minutes fail. 5m: 100×. 1h: 2500/60k = 4.2 % (8.3× < 14.4).
  // 30m: 8.3 % (16.7× > 6) but 6h: 0.69 % (1.4× < 6). 2h: 2.1 % (4.2×) but 1d: 0.17 % (0.35× < 3).
  // 6h: 1.4× but 3d: 0.06 % (0.1× < 1). Only short windows see it: nothing fires.
  'a 5-minute spike at 50 %': { samples: seriesEndingAt(THREE_DAYS, (i) => ({ valid: 1000, bad: i <= 5 ? 500 : 0 })), fires: [] },
  // Everything failed for 10 minutes that ended 5 minutes ago. 1h: 10 000/60k = 16.7 % (33×)
  // but 5m: 0. 30m: 33 % but 6h: 2.8 % (5.6× < 6). 1d: 0.69 % (1.4× < 3). 3d: 0.23 % (0.46× < 1).
  // The long windows still see it, the short ones say it is over: nothing fires.
  'a 10-minute outage that ended 5 minutes ago': { samples: seriesEndingAt(THREE_DAYS, (i) => ({ valid: 1000, bad: i > 5 && i <= 15 ? 1000 : 0 })), fires: [] },
  // One request every 10 minutes, one in three failing (33 %, 67×), for 3 days: 5m/30m/2h/6h
  // hold 0–1/3/12/36 requests (< 50), so every alert has a short window without enough data.
  'one request every 10 minutes, a third failing': {
    samples: seriesEndingAt(THREE_DAYS, (i) => (i % 10 === 0 ? { valid: 1, bad: i % 30 === 0 ? 1 : 0 } : { valid: 0, bad: 0 })),
    fires: [],
  },
  'steady traffic at 0.5 % errors (exactly on budget)': { samples: seriesEndingAt(THREE_DAYS, () => ({ valid: 1000, bad: 5 })), fires: [] },
};

describe('multiwindow, multi-burn-rate alerts on synthetic series', () => {
  it.each(Object.entries(SERIES))('%s', (_, { samples, fires }) => {
    expect(firing(samples)).toEqual(fires);
  });

  it('each alert fires on exactly the series built to trip it', () => {
    for (const rule of BURN_RATE_ALERTS) {
      const trippedBy = Object.entries(SERIES)
        .filter(([, { samples }]) => firing(samples).includes(rule.id))
        .map(([name]) => name);
      expect(trippedBy).toEqual(Object.entries(SERIES).filter(([, { fires }]) => fires.includes(rule.id)).map(([name]) => name));
      expect(trippedBy).toHaveLength(1);
    }
  });

  it('shows the low-traffic windows as not enough data, and the same error ratio at normal traffic pages', () => {
    const quiet = evaluateSlo(SLO, SERIES['one request every 10 minutes, a third failing']!.samples, AT);
    expect(quiet.alerts.map((a) => a.state)).toEqual(['not_enough_data', 'not_enough_data', 'not_enough_data', 'not_enough_data']);
    expect(quiet.windows['3d']).toMatchObject({ valid: 432, enoughData: true });
    expect(quiet.windows['6h']).toMatchObject({ valid: 36, enoughData: false });
    const busy = seriesEndingAt(THREE_DAYS, () => ({ valid: 1000, bad: 333 }));
    expect(firing(busy)).toEqual(['page-1h', 'page-6h', 'ticket-1d', 'ticket-3d']);
  });

  it('resolves once the burst is over: the 5-minute window clears first', () => {
    const burst = (endedMinutesAgo: number) => seriesEndingAt(THREE_DAYS, (i) => ({ valid: 1000, bad: i > endedMinutesAgo && i <= endedMinutesAgo + 30 ? 300 : 0 }));
    expect(firing(burst(0))).toContain('page-1h');
    expect(firing(burst(5))).not.toContain('page-1h');
  });
});

describe('error budget over the SLO window', () => {
  // 7 days at 1000 a minute = 10 080 000 requests; 0.5 % of them = 50 400 may fail.
  // 12 000 failures three days ago + 600 in the last hour = 12 600 = a quarter of the budget.
  // Failures older than 7 days must not count. Burn now (1h): 600/60 000 = 1 % = 2×.
  // Time to exhaustion: 0.75 × 7 d ÷ 2 = 63 h.
  const WEEK = 7 * 1_440;
  const week = seriesEndingAt(WEEK + 600, (i) => {
    if (i <= 60) return { valid: 1000, bad: 10 };
    if (i > 3 * 1_440 && i <= 3 * 1_440 + 120) return { valid: 1000, bad: 100 };
    if (i > WEEK) return { valid: 1000, bad: 1000 };
    return { valid: 1000, bad: 0 };
  });

  it('is exact on a hand-computed case, with older failures left out', () => {
    const status = evaluateSlo(SLO, week, AT);
    expect(status.window).toMatchObject({ valid: 10_080_000, good: 10_080_000 - 12_600, budgetRemaining: 0.75, enoughData: true });
    expect(status.burnRateNow).toBe(2);
    expect(status.timeToExhaustionMs).toBe(63 * 3_600_000);
    expect(status.window.sli).toBe(0.99875);
    // docs/observability.md: 2× in the last hour, 1× over 2 h, and the deploy is outside the 3-day window.
    expect([status.windows['2h'].burnRate, status.windows['3d'].valid - status.windows['3d'].good]).toEqual([1, 600]);
    expect(status.alerts.map((a) => a.state)).toEqual(['inactive', 'inactive', 'inactive', 'inactive']);
  });

  it('is 100 % for a fresh window with no bad events, and negative once overspent', () => {
    const fresh = evaluateSlo(SLO, seriesEndingAt(2 * 1_440, () => ({ valid: 10, bad: 0 })), AT);
    expect(fresh.window.budgetRemaining).toBe(1);
    expect(fresh.timeToExhaustionMs).toBeNull();
    expect(evaluateSlo(SLO, [], AT).window).toMatchObject({ budgetRemaining: 1, sli: null, enoughData: false });
    // 75 600 failures = 1.5 budgets: −50 %, exhausted.
    const overspent = evaluateSlo(SLO, seriesEndingAt(WEEK, (i) => ({ valid: 1000, bad: i <= 756 ? 100 : 0 })), AT);
    expect(overspent.window.budgetRemaining).toBe(-0.5);
    expect(overspent.timeToExhaustionMs).toBe(0);
  });

  it('refuses samples with more good than valid events', () => {
    expect(() => evaluateSlo(SLO, [{ minuteStart: AT - 60_000, good: 2, valid: 1 }], AT)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const minute = fc.record({ valid: fc.integer({ min: 0, max: 5_000 }), badShare: fc.double({ min: 0, max: 1, noNaN: true }) });

  it('budget remaining never rises when an event turns bad', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(90, 95, 99, 99.5, 99.9, 99.95), (valid, badSeed, objective) => {
        const bad = badSeed % (valid + 1);
        const before = evaluateSlo({ ...SLO, objectivePercent: objective }, [{ minuteStart: AT - 60_000, good: valid - bad, valid }], AT).window.budgetRemaining;
        const worse = Math.min(bad + 1, valid);
        const after = evaluateSlo({ ...SLO, objectivePercent: objective }, [{ minuteStart: AT - 60_000, good: valid - worse, valid }], AT).window.budgetRemaining;
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('no alert fires while every minute stays within the objective', () => {
    fc.assert(
      fc.property(fc.array(minute, { minLength: 1, maxLength: 400 }), fc.constantFrom(95, 99, 99.5, 99.9), fc.integer({ min: 1, max: 4_320 }), (minutes, objective, spacing) => {
        const budget = (100 - objective) / 100;
        const samples = minutes.map(({ valid, badShare }, index) => {
          const bad = Math.floor(Math.floor(valid * budget) * badShare);
          return { minuteStart: AT - (1 + ((index * spacing) % 4_320)) * 60_000, good: valid - bad, valid };
        });
        const status = evaluateSlo({ ...SLO, objectivePercent: objective, minValidRequests: 1 }, samples, AT);
        expect(status.alerts.filter((a) => a.state === 'firing')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

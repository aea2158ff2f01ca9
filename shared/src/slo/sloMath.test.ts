import { describe, expect, it } from 'vitest';
import { ZSloDefinitionSchema } from './slo.schemas.js';
import { budgetSpentWhenFiring, BURN_RATE_ALERTS } from './burnRateAlerts.js';
import { burnRate, burnsFasterThan, errorBudgetRatio, errorBudgetRemaining, errorBudgetUnits, sliRatio, timeToExhaustionMs } from './sloMath.js';
import { formatBudgetRemaining, formatBurnRate, formatTimeToExhaustion } from './sloFormat.js';

describe('SLO arithmetic', () => {
  it('holds the budget exactly, in parts per 100 000', () => {
    expect(errorBudgetUnits(99.5)).toBe(500);
    expect(errorBudgetUnits(99.9)).toBe(100);
    expect(errorBudgetUnits(95)).toBe(5000);
    expect(errorBudgetRatio(99.9)).toBe(0.001);
  });

  it('computes SLI, burn rate and budget remaining on a hand-computed case', () => {
    // 99.5 % over 10 000 requests allows 50 bad ones; 20 bad: ratio 0.2 %, burn 0.4, 60 % left.
    const counts = { good: 9_980, valid: 10_000 };
    expect(sliRatio(counts)).toBe(0.998);
    expect(burnRate(counts, 99.5)).toBe(0.4);
    expect(errorBudgetRemaining(counts, 99.5)).toBe(0.6);
  });

  it('starts at 100 % with no bad events (and with no events), goes negative when overspent', () => {
    expect(errorBudgetRemaining({ good: 0, valid: 0 }, 99.5)).toBe(1);
    expect(errorBudgetRemaining({ good: 1_000, valid: 1_000 }, 99.5)).toBe(1);
    expect(errorBudgetRemaining({ good: 9_925, valid: 10_000 }, 99.5)).toBe(-0.5);
    expect(sliRatio({ good: 0, valid: 0 })).toBeNull();
    expect(burnRate({ good: 0, valid: 0 }, 99.5)).toBeNull();
  });

  it('fires strictly above the factor: exactly 14.4× does not', () => {
    // 72 bad in 1000 at 99.5 % is exactly 14.4× (0.072 / 0.005); 73 is above.
    expect(burnsFasterThan({ good: 928, valid: 1_000 }, 99.5, 14.4)).toBe(false);
    expect(burnsFasterThan({ good: 927, valid: 1_000 }, 99.5, 14.4)).toBe(true);
    expect(burnsFasterThan({ good: 995, valid: 1_000 }, 99.5, 1)).toBe(false);
    expect(burnsFasterThan({ good: 0, valid: 0 }, 99.5, 1)).toBe(false);
  });

  it('time to exhaustion = remaining × window ÷ burn', () => {
    expect(timeToExhaustionMs(0.75, 2, 7)).toBe(63 * 3_600_000);
    expect(timeToExhaustionMs(0.5, 0, 7)).toBeNull();
    expect(timeToExhaustionMs(0.5, null, 7)).toBeNull();
    expect(timeToExhaustionMs(-0.2, 3, 7)).toBe(0);
  });

  it('matches the Workbook: on a 30-day window the alerts fire at 2 %, 5 %, 10 % and 10 % of the budget', () => {
    expect(BURN_RATE_ALERTS.map((a) => Math.round(budgetSpentWhenFiring(a, 30) * 1000) / 10)).toEqual([2, 5, 10, 10]);
  });
});

describe('SLO figures as shown', () => {
  it('rounds the budget to 0.1 %, never shows float noise, words an overspent budget', () => {
    expect(formatBudgetRemaining(1)).toBe('100 %');
    expect(formatBudgetRemaining(0.7512)).toBe('75.1 %');
    expect(formatBudgetRemaining(-4.69e-14)).toBe('0 %');
    expect(formatBudgetRemaining(-0.5)).toBe('\u221250 % (overspent)');
  });

  it('shows burn rates and time to exhaustion in words', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(0)).toBe('0×');
    expect(formatBurnRate(0.015)).toBe('< 0.1×');
    expect(formatBurnRate(0.05)).toBe('0.1×');
    expect(formatBurnRate(null)).toBe('not enough data');
    expect(formatTimeToExhaustion(63 * 3_600_000)).toBe('2 d 15 h');
    expect(formatTimeToExhaustion(95 * 60_000)).toBe('1 h 35 min');
    expect(formatTimeToExhaustion(null)).toBe('not burning');
    expect(formatTimeToExhaustion(0)).toBe('exhausted');
  });
});

describe('SLO definition schema', () => {
  const valid = { service: 'api', name: 'availability', sli: { kind: 'availability' }, objectivePercent: 99.5, windowDays: 7, minValidRequests: 100 };

  it('accepts the seed SLOs', () => {
    expect(ZSloDefinitionSchema.parse(valid)).toMatchObject({ description: '' });
    expect(ZSloDefinitionSchema.safeParse({ ...valid, name: 'latency', sli: { kind: 'latency', thresholdMs: 300 }, objectivePercent: 95 }).success).toBe(true);
  });

  it.each([
    ['a 100 % objective (no budget)', { objectivePercent: 100 }],
    ['four decimals', { objectivePercent: 99.9995 }],
    ['a 14-day window', { windowDays: 14 }],
    ['no low-traffic minimum', { minValidRequests: 0 }],
    ['a label-breaking service name', { service: 'api"} or vector(1)' }],
    ['a latency SLI without threshold', { sli: { kind: 'latency' } }],
    ['an unknown field', { extra: true }],
  ])('refuses %s', (_, change) => {
    expect(ZSloDefinitionSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { headlineChange, signedCount, signedPoints } from './headlineChange';
import { formatSignedMoney } from './revenueFormat';

const money = (delta: number) => formatSignedMoney(delta, 'usd');

describe('headlineChange', () => {
  it('says a number did not move in words, not as a zero that reads like last month’s value', () => {
    expect(headlineChange(752_087, 752_087, money, 'November 2026')).toBe('Same as November 2026');
    expect(headlineChange(36, 36, signedCount, 'November 2026')).toBe('Same as November 2026');
  });

  it('signs a change in the number’s own unit', () => {
    expect(headlineChange(752_087, 632_087, money, 'November 2026')).toBe('+1,200.00 USD vs November 2026');
    expect(headlineChange(34, 36, signedCount, 'Week of 30 Nov 2026')).toBe('−2 vs Week of 30 Nov 2026');
    expect(headlineChange(0.052, 0.037, signedPoints, 'November 2026')).toBe('+1.5 pts vs November 2026');
    expect(headlineChange(1, 1.003, signedPoints, 'November 2026')).toBe('−0.3 pts vs November 2026');
  });

  it('has no change to give when either period has no value', () => {
    expect(headlineChange(null, 0.9, signedPoints, 'November 2026')).toBe('— vs November 2026');
    expect(headlineChange(1.02, null, signedPoints, 'November 2026')).toBe('— vs November 2026');
  });
});

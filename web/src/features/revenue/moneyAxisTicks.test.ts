import { describe, expect, it } from 'vitest';
import { moneyAxisTicks, stackedExtent } from './moneyAxisTicks';

describe('moneyAxisTicks', () => {
  it('puts a stack reaching 1,650 USD above and 250 USD below zero on round hundreds of dollars', () => {
    expect(moneyAxisTicks(-25_000, 165_000, 'usd')).toEqual([-50_000, 0, 50_000, 100_000, 150_000, 200_000]);
  });

  it('rounds in the currency’s own units: yen have no cents', () => {
    expect(moneyAxisTicks(0, 730_000, 'jpy')).toEqual([0, 200_000, 400_000, 600_000, 800_000]);
  });

  it('keeps zero on the axis and never steps below one unit of the currency', () => {
    expect(moneyAxisTicks(0, 0, 'usd')).toEqual([0, 100]);
    expect(moneyAxisTicks(150, 300, 'usd')).toEqual([0, 100, 200, 300]);
    expect(moneyAxisTicks(-9_000, -1_000, 'usd')).toEqual([-10_000, -7_500, -5_000, -2_500, 0]);
  });

  it('uses 2.5 steps where they fit better than 5', () => {
    expect(moneyAxisTicks(0, 1_000_000, 'usd')).toEqual([0, 250_000, 500_000, 750_000, 1_000_000]);
  });
});

describe('stackedExtent', () => {
  it('sums each period’s gains above zero and losses below it', () => {
    const rows = [
      { new: 100, expansion: 50, churn: -30, contraction: -20 },
      { new: 10, expansion: 0, churn: -200, contraction: 0 },
    ];
    expect(stackedExtent(rows, ['new', 'expansion', 'churn', 'contraction'])).toEqual([-200, 150]);
  });
});

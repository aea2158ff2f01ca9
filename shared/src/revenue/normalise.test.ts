import { describe, expect, it } from 'vitest';
import { monthlyCents } from './normalise.js';
import { coupon, monthly } from './revenue.testing.js';

describe('monthly normalisation (integer cents)', () => {
  it('normalises annual, quarterly, weekly and daily prices to a month', () => {
    expect(monthlyCents([monthly(120_000, { interval: 'year' })], [], 'usd')).toBe(10_000);
    expect(monthlyCents([monthly(9000, { intervalCount: 3 })], [], 'usd')).toBe(3000);
    // 1000 × 52 / 12 = 4333.33…
    expect(monthlyCents([monthly(1000, { interval: 'week' })], [], 'usd')).toBe(4333);
    // 100 × 365 / 12 = 3041.66…
    expect(monthlyCents([monthly(100, { interval: 'day' })], [], 'usd')).toBe(3042);
  });

  it('multiplies per-unit prices by quantity and sums items', () => {
    expect(monthlyCents([monthly(2000, { quantity: 3 }), monthly(500)], [], 'usd')).toBe(6500);
  });

  it('rounds half up once per subscription, not per item', () => {
    // 6 cents a year = 0.5 a month: half up gives 1.
    expect(monthlyCents([monthly(6, { interval: 'year' })], [], 'usd')).toBe(1);
    // Two such items are exactly 1 cent; rounding each would have given 2.
    expect(monthlyCents([monthly(6, { interval: 'year' }), monthly(6, { interval: 'year' })], [], 'usd')).toBe(1);
    // 5 cents a year = 0.41…: down to 0.
    expect(monthlyCents([monthly(5, { interval: 'year' })], [], 'usd')).toBe(0);
  });

  it('excludes free, metered and unpriced (tiered) items', () => {
    expect(monthlyCents([monthly(0), monthly(500, { usageType: 'metered' }), monthly(null)], [], 'usd')).toBe(0);
  });

  it('applies percent and amount coupons in order, amount normalised like the price, never below zero', () => {
    expect(monthlyCents([monthly(4900)], [coupon('half', { percentOff: 50 })], 'usd')).toBe(2450);
    expect(monthlyCents([monthly(1000)], [coupon('eighth', { percentOff: 12.5 })], 'usd')).toBe(875);
    // (120000 − 12000) / 12
    expect(monthlyCents([monthly(120_000, { interval: 'year' })], [coupon('yearly-120', { amountOff: 12_000, currency: 'usd' })], 'usd')).toBe(9000);
    expect(monthlyCents([monthly(1000)], [coupon('big', { amountOff: 5000, currency: 'usd' })], 'usd')).toBe(0);
    // (4000 × 0.5) − 500
    expect(monthlyCents([monthly(4000)], [coupon('half', { percentOff: 50 }), coupon('five', { amountOff: 500, currency: 'usd' })], 'usd')).toBe(1500);
  });

  it('ignores an amount-off coupon in another currency', () => {
    expect(monthlyCents([monthly(1000)], [coupon('eur-off', { amountOff: 500, currency: 'eur' })], 'usd')).toBe(1000);
  });
});

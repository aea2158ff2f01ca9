import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyCompact, minorUnitDigits, toMajorUnits } from './money.js';

describe('money in each currency’s own units', () => {
  it('formats cents, yen and thousandths as the currency counts them', () => {
    expect(formatMoney(60_000, 'usd')).toBe('600.00 USD');
    expect(formatMoney(60_000, 'jpy')).toBe('60,000 JPY');
    expect(formatMoney(60_000, 'KRW')).toBe('60,000 KRW');
    expect(formatMoney(1_250, 'kwd')).toBe('1.250 KWD');
    expect(formatMoney(5, 'eur')).toBe('0.05 EUR');
    expect(formatMoney(null, 'usd')).toBe('—');
    expect(formatMoney(123_456_789, null)).toBe('1,234,567.89 USD');
  });

  it('knows the digits below the unit, USD when no currency is said', () => {
    expect([minorUnitDigits('usd'), minorUnitDigits('JPY'), minorUnitDigits('bhd'), minorUnitDigits(undefined)]).toEqual([2, 0, 3, 2]);
    expect(toMajorUnits(60_000, 'jpy')).toBe(60_000);
    expect(toMajorUnits(60_000, 'usd')).toBe(600);
  });

  it('shortens amounts for an axis, with the sign in front', () => {
    expect(formatMoneyCompact(2_200_000, 'usd')).toBe('22K USD');
    expect(formatMoneyCompact(-35_000, 'usd')).toBe('−350 USD');
    expect(formatMoneyCompact(1_500_000, 'jpy')).toBe('1.5M JPY');
    expect(formatMoneyCompact(0, 'usd')).toBe('0 USD');
  });
});

import { describe, expect, it } from 'vitest';
import { durationInWords, formatRunbookValue } from './formatRunbookValue';

describe('formatRunbookValue', () => {
  it('says durations in words, two units at most', () => {
    expect(durationInWords(350)).toBe('350 ms');
    expect(durationInWords(1_000)).toBe('1 second');
    expect(durationInWords(90_000)).toBe('1 minute 30 seconds');
    expect(durationInWords(2 * 3_600_000 + 5 * 60_000 + 7_000)).toBe('2 hours 5 minutes');
    expect(durationInWords(3 * 86_400_000 + 30_000)).toBe('3 days');
    expect(formatRunbookValue(754, 'seconds')).toBe('12 minutes 34 seconds');
    expect(formatRunbookValue(1500, 'ms')).toBe('1 second');
  });

  it('shows money with the shared formatter, in the row’s currency', () => {
    expect(formatRunbookValue(125_000, 'cents', 'eur')).toBe('1,250.00 EUR');
    expect(formatRunbookValue(99, 'cents')).toBe('0.99 USD');
  });

  it('shows nothing as a dash, booleans as words, and text as it is', () => {
    expect(formatRunbookValue(null, 'ms')).toBe('—');
    expect(formatRunbookValue(true)).toBe('Yes');
    expect(formatRunbookValue('idle in transaction')).toBe('idle in transaction');
    expect(formatRunbookValue(12345, 'number')).toBe('12345');
    expect(formatRunbookValue('not a date', 'datetime')).toBe('not a date');
  });
});

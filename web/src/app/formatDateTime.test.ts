import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from './formatDateTime';

// Midday UTC: the same day in every time zone the tests may run in.
const NOON = '2026-12-04T12:34:56.000Z';

describe('dates in the console', () => {
  it('writes the month in words, whatever the browser locale', () => {
    expect(formatDate(NOON)).toBe('4 Dec 2026');
    expect(formatDateTime(NOON)).toMatch(/^4 Dec 2026, \d\d:34$/);
    expect(formatTime(NOON)).toMatch(/^\d\d:34:56$/);
    expect(formatDate(Date.parse(NOON))).toBe('4 Dec 2026');
    expect(formatDate(new Date(NOON))).toBe('4 Dec 2026');
  });

  it('writes a dash for nothing and for what is not a date', () => {
    for (const nothing of [null, undefined, '', 'not a date']) {
      expect(formatDate(nothing)).toBe('—');
      expect(formatDateTime(nothing)).toBe('—');
      expect(formatTime(nothing)).toBe('—');
    }
  });

  it('is the only way the console writes a date', () => {
    // The browser's own locale ("12/4/2026, 4:53 PM" on one desk, "04/12/2026" on another)
    // is what this module exists to replace: react-admin's DateField and bare toLocale…String().
    const source = join(__dirname, '..');
    const files = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
    const offenders = files.flatMap((file) => {
      const text = readFileSync(join(source, file), 'utf8');
      return /\.toLocale(Date|Time)?String\(\)|<DateField\b/.test(text) ? [relative(source, join(source, file))] : [];
    });
    expect(offenders).toEqual([]);
  });
});

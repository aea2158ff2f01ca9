import { describe, expect, it } from 'vitest';
import { dayLabel, monthLabel, periodLabel, periodTick } from './periodWords';

describe('periods in words', () => {
  const month = { period: '2025-03', startDay: '2025-03-01', endDay: '2025-03-31' };
  const week = { period: '2024-12-30', startDay: '2024-12-30', endDay: '2025-01-05' };
  const day = { period: '2025-03-01', startDay: '2025-03-01', endDay: '2025-03-01' };

  it('names a month, a week by its Monday, and a day, with the month in words', () => {
    expect(periodLabel(month)).toBe('March 2025');
    expect(periodLabel(week)).toBe('Week of 30 Dec 2024');
    expect(periodLabel(day)).toBe('1 Mar 2025');
  });

  it('writes shorter axis ticks, a month keeping its year', () => {
    expect(periodTick(month)).toBe('Mar 2025');
    expect(periodTick(week)).toBe('30 Dec');
    expect(periodTick(day)).toBe('1 Mar');
  });

  it('reads the UTC day whatever the time zone (the first of the month stays in its month)', () => {
    expect(monthLabel('2025-01')).toBe('Jan 2025');
    expect(dayLabel('2025-01-01')).toBe('1 Jan 2025');
    expect(periodLabel({ period: '2025-01', startDay: '2025-01-01', endDay: '2025-01-31' })).toBe('January 2025');
  });
});

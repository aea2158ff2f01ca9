import { describe, expect, it } from 'vitest';
import { admits, msUntilAdmitted, slidingCount, type WindowCounts } from './slidingWindow.js';

const WINDOW = 60_000;
const later = (counts: WindowCounts, ms: number): WindowCounts => {
  // Time passing: within the window, or into the next one (current becomes previous).
  const elapsedMs = counts.elapsedMs + ms;
  if (elapsedMs < WINDOW) return { ...counts, elapsedMs };
  if (elapsedMs < 2 * WINDOW) return { previous: counts.current, current: 0, elapsedMs: elapsedMs - WINDOW };
  return { previous: 0, current: 0, elapsedMs: elapsedMs % WINDOW };
};

describe('sliding window counter', () => {
  it('weighs the previous window by the share of it still inside the window', () => {
    expect(slidingCount({ previous: 10, current: 2, elapsedMs: 15_000 }, WINDOW)).toBe(9.5);
    expect(admits({ previous: 0, current: 4, elapsedMs: 0 }, WINDOW, 5)).toBe(true);
    expect(admits({ previous: 0, current: 5, elapsedMs: 59_999 }, WINDOW, 5)).toBe(false);
    // A fixed window would allow 5 more at 00:00 after 5 at 00:59; the slide does not.
    expect(admits({ previous: 5, current: 0, elapsedMs: 1_000 }, WINDOW, 5)).toBe(false);
  });

  it.each<[string, WindowCounts, number]>([
    ['spent in this window', { previous: 0, current: 5, elapsedMs: 10_000 }, 5],
    ['spent over two windows', { previous: 8, current: 1, elapsedMs: 20_000 }, 5],
    ['the previous window alone', { previous: 5, current: 0, elapsedMs: 0 }, 5],
    ['a raised count in this window', { previous: 3, current: 30, elapsedMs: 40_000 }, 12],
  ])('Retry-After is exact when %s: refused a millisecond before, admitted at it', (_case, counts, points) => {
    const wait = msUntilAdmitted(counts, WINDOW, points);
    expect(wait).toBeGreaterThan(0);
    expect(admits(later(counts, wait - 1), WINDOW, points)).toBe(false);
    expect(admits(later(counts, wait), WINDOW, points)).toBe(true);
  });
});

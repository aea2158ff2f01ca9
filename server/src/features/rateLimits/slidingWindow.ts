/**
 * The sliding window, approximated from two fixed windows (Cloudflare's "sliding window
 * counter"): the previous window's count weighs by the share of it still inside the
 * last `windowMs`, plus the current window's count. Two integers per key instead of a
 * timestamp per request, and no burst of 2× at a window's edge as fixed windows allow.
 * The Redis store runs the same arithmetic in Lua (redisRateLimitStore.ts).
 */
export interface WindowCounts {
  /** Requests counted in the previous fixed window. */
  previous: number;
  /** Requests counted in the current fixed window. */
  current: number;
  /** Milliseconds since the current fixed window began. */
  elapsedMs: number;
}

export function slidingCount(counts: WindowCounts, windowMs: number): number {
  return (counts.previous * (windowMs - counts.elapsedMs)) / windowMs + counts.current;
}

/** One more request (or `weight` more) would pass. */
export function admits(counts: WindowCounts, windowMs: number, points: number, weight = 1): boolean {
  return slidingCount(counts, windowMs) + weight <= points;
}

/** Milliseconds until one more request would pass (≥ 1), for Retry-After. */
export function msUntilAdmitted(counts: WindowCounts, windowMs: number, points: number): number {
  const { previous, current, elapsedMs } = counts;
  if (admits(counts, windowMs, points)) return 0;
  if (current + 1 <= points && previous > 0) {
    // Still in this window: wait for enough of the previous window to slide out.
    return Math.max(1, Math.ceil(windowMs - elapsedMs - (windowMs * (points - current - 1)) / previous));
  }
  // The next window: this window's count becomes the previous one and slides out in turn.
  const intoNext = current > 0 ? Math.max(0, windowMs * (1 - (points - 1) / current)) : 0;
  return Math.max(1, Math.ceil(windowMs - elapsedMs + intoNext));
}

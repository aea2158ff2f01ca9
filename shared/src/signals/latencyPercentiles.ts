import type { LatencyPercentiles } from './signals.schemas.js';

/**
 * A quantile from bucket counts, as Prometheus's histogram_quantile does it: find the
 * bucket holding the rank and interpolate linearly inside it (from 0 for the first).
 * The last bucket has no upper bound, so a rank there answers the highest finite bound.
 * `counts` are per bucket (not cumulative), one longer than `boundsMs`.
 */
export function quantileFromBuckets(counts: readonly number[], boundsMs: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const inBucket = counts[i]!;
    if (inBucket > 0 && below + inBucket >= rank) {
      if (i >= boundsMs.length) return boundsMs[boundsMs.length - 1]!;
      const lower = i === 0 ? 0 : boundsMs[i - 1]!;
      return lower + (boundsMs[i]! - lower) * ((rank - below) / inBucket);
    }
    below += inBucket;
  }
  return boundsMs[boundsMs.length - 1]!;
}

export function percentilesFromBuckets(counts: readonly number[], boundsMs: readonly number[]): LatencyPercentiles | null {
  const p50 = quantileFromBuckets(counts, boundsMs, 0.5);
  if (p50 === null) return null;
  return { p50, p95: quantileFromBuckets(counts, boundsMs, 0.95)!, p99: quantileFromBuckets(counts, boundsMs, 0.99)! };
}

/** The bucket a duration falls in: the first whose bound is ≥ it (Prometheus's `le`), else the overflow bucket. */
export function bucketIndexOf(durationMs: number, boundsMs: readonly number[]): number {
  for (let i = 0; i < boundsMs.length; i += 1) if (durationMs <= boundsMs[i]!) return i;
  return boundsMs.length;
}

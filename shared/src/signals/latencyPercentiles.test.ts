import { describe, expect, it } from 'vitest';
import { bucketIndexOf, percentilesFromBuckets, quantileFromBuckets } from './latencyPercentiles.js';
import { SIGNAL_LATENCY_BOUNDS_MS } from './signals.schemas.js';

/** Quantiles from bucket counts, checked against hand computations (Prometheus's histogram_quantile rules). */
describe('latency percentiles from buckets', () => {
  const bounds = [10, 100, 1000];

  it('interpolates inside the bucket holding the rank, from 0 in the first', () => {
    // 4 requests: 2 in (0, 10], 2 in (10, 100]. p50 rank 2 ends the first bucket; p75 rank 3 is half-way through the second.
    expect(quantileFromBuckets([2, 2, 0, 0], bounds, 0.5)).toBe(10);
    expect(quantileFromBuckets([2, 2, 0, 0], bounds, 0.75)).toBe(55);
    expect(quantileFromBuckets([2, 2, 0, 0], bounds, 0.25)).toBe(5);
  });

  it('answers the highest finite bound for ranks in the overflow bucket, and null with no requests', () => {
    expect(percentilesFromBuckets([1, 0, 0, 9], bounds)).toEqual({ p50: 1000, p95: 1000, p99: 1000 });
    expect(percentilesFromBuckets([0, 0, 0, 0], bounds)).toBeNull();
  });

  it('puts a duration in the first bucket whose bound is at least it (le)', () => {
    expect(bucketIndexOf(0.2, SIGNAL_LATENCY_BOUNDS_MS)).toBe(0);
    expect(bucketIndexOf(5, SIGNAL_LATENCY_BOUNDS_MS)).toBe(0);
    expect(bucketIndexOf(5.01, SIGNAL_LATENCY_BOUNDS_MS)).toBe(1);
    expect(bucketIndexOf(300, SIGNAL_LATENCY_BOUNDS_MS)).toBe(6);
    expect(bucketIndexOf(60_000, SIGNAL_LATENCY_BOUNDS_MS)).toBe(SIGNAL_LATENCY_BOUNDS_MS.length);
  });
});

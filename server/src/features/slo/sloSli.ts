import { SIGNAL_LATENCY_BOUNDS_MS, type EventCounts, type TSloSli } from '@opsdesk/shared';
import type { SampleSums } from './sloSamples.queries.js';

/**
 * Good and valid events of an SLI from the built-in samples (docs/observability.md,
 * "Evaluation and alert history"). Valid: every API request the collector counts (not
 * the console's files, probes or scrapes). Availability: good unless answered 5xx (a 4xx
 * is the caller's mistake, served correctly). Latency: good when it succeeded within the
 * threshold, i.e. in a bucket whose bound is at most the threshold.
 */
export function eventCountsOf(sli: TSloSli, sums: SampleSums | undefined): EventCounts {
  if (!sums) return { good: 0, valid: 0 };
  if (sli.kind === 'availability') return { good: sums.requests - sums.errors, valid: sums.requests };
  let good = 0;
  SIGNAL_LATENCY_BOUNDS_MS.forEach((bound, i) => {
    if (bound <= sli.thresholdMs) good += sums.successBuckets[i] ?? 0;
  });
  return { good, valid: sums.requests };
}

/** The built-in histogram answers only at its bucket bounds; another threshold would be silently rounded. */
export function isMeasurableThreshold(sli: TSloSli): boolean {
  return sli.kind !== 'latency' || (SIGNAL_LATENCY_BOUNDS_MS as readonly number[]).includes(sli.thresholdMs);
}

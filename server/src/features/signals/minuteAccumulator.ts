import { SIGNAL_LATENCY_BOUNDS_MS, bucketIndexOf } from '@opsdesk/shared';

/**
 * What one instance saw in one minute, kept in memory until the collector flushes it:
 * a few counters and two bucket arrays, so observing a request costs a few additions.
 */
export interface MinuteCounts {
  requests: number;
  errors: number;
  latencySuccess: number[];
  latencySuccessSumMs: number;
  latencyFailure: number[];
  latencyFailureSumMs: number;
  errorsByCode: Record<string, number>;
  webhooksReceived: number;
}

export function emptyMinute(): MinuteCounts {
  const buckets = () => new Array<number>(SIGNAL_LATENCY_BOUNDS_MS.length + 1).fill(0);
  return { requests: 0, errors: 0, latencySuccess: buckets(), latencySuccessSumMs: 0, latencyFailure: buckets(), latencyFailureSumMs: 0, errorsByCode: {}, webhooksReceived: 0 };
}

/** Routes that are not traffic: the console's files, probes and Prometheus's scrapes (as the SLO queries, features/slo). */
const NOT_TRAFFIC = new Set(['static', '/healthz', '/readyz', '/metrics']);

/**
 * One finished HTTP request, by the route label of /metrics (a procedure name, `unknown`,
 * a fixed path or `static`). Success is any answer below 500: a 4xx is the caller's
 * mistake, served correctly and usually fast, and would hide slow failures if mixed in.
 */
export function countRequest(counts: MinuteCounts, route: string, status: number, durationMs: number): void {
  if (NOT_TRAFFIC.has(route)) return;
  counts.requests += 1;
  const bucket = bucketIndexOf(durationMs, SIGNAL_LATENCY_BOUNDS_MS);
  if (status >= 500) {
    counts.errors += 1;
    counts.latencyFailure[bucket]! += 1;
    counts.latencyFailureSumMs += durationMs;
    // tRPC calls report their own code (countTrpcError); other routes only have a status.
    if (route.startsWith('/')) countCode(counts, 'http_5xx');
  } else {
    counts.latencySuccess[bucket]! += 1;
    counts.latencySuccessSumMs += durationMs;
  }
  if (route === '/webhooks/stripe' && status < 300) counts.webhooksReceived += 1;
}

const MAX_CODES = 40;

/** A failed tRPC call (one per call, so a batch may count several), by its code. */
export function countTrpcError(counts: MinuteCounts, code: string): void {
  countCode(counts, code);
}

function countCode(counts: MinuteCounts, code: string): void {
  // Codes come from tRPC's fixed list; the cap only guards the jsonb column's size.
  if (!(code in counts.errorsByCode) && Object.keys(counts.errorsByCode).length >= MAX_CODES) return;
  counts.errorsByCode[code] = (counts.errorsByCode[code] ?? 0) + 1;
}

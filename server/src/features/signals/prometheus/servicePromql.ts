import type { SignalPoint } from '@opsdesk/shared';
import { WINDOW_PLACEHOLDER, type TSignalServiceDefinition } from './signalServices.schemas.js';

/**
 * The PromQL of one service's four signals, each a function of the window (seconds) it
 * is read over and evaluated at the window's end: at every step of a chart (window =
 * the step) and once for the range's totals (window = the range).
 */
export interface ServicePromql {
  /** Requests in the window: a one-series instant vector. */
  requests(windowSeconds: number): string;
  /** Failed (5xx) requests in the window. */
  errors(windowSeconds: number): string;
  /** Failed calls in the window by `code`; null when the service does not say. */
  errorsByCode: ((windowSeconds: number) => string) | null;
  /** Bucket rates by `le`, for histogram_quantile; null when not measured. */
  latencySuccessBuckets(windowSeconds: number): string;
  latencyFailureBuckets: ((windowSeconds: number) => string) | null;
  /** Saturation series by field of SignalPoint['saturation']. */
  saturation(windowSeconds: number): Partial<Record<keyof SignalPoint['saturation'], string>>;
}

const HISTOGRAM = 'opsdesk_http_request_duration_seconds';
// Traffic as the built-in source counts it (minuteAccumulator.ts) and the SLO queries
// read it (features/slo/opsdeskSliQueries.ts): not the console's files, probes or scrapes.
const API = 'procedure!~"static|/healthz|/readyz|/metrics"';
const FAILED = 'status=~"5.."';

/**
 * Events in the window from a counter, exactly: the counter now minus the counter at
 * the window's start, per series. No extrapolation (increase() would report 14.7 for 14
 * requests), so the totals match the built-in source. A series Prometheus first saw
 * inside the window counts from zero (prom-client creates it at its first event); one
 * whose instance restarted counts from the restart (a lower bound).
 */
export function eventsInWindow(counter: string, windowSeconds: number, by = ''): string {
  return `sum${by}((${counter} - (${counter} offset ${windowSeconds}s) >= 0) or ${counter})`;
}

/** Opsdesk itself, from its own /metrics (observability/metrics.ts). */
export const opsdeskPromql: ServicePromql = {
  requests: (w) => eventsInWindow(`${HISTOGRAM}_count{${API}}`, w),
  errors: (w) => eventsInWindow(`${HISTOGRAM}_count{${API},${FAILED}}`, w),
  // tRPC calls by their code, and other routes' 5xx as `http_5xx`, as the built-in source names them.
  errorsByCode: (w) =>
    `${eventsInWindow('opsdesk_trpc_errors_total', w, ' by (code)')} or label_replace(${eventsInWindow(`${HISTOGRAM}_count{${API},procedure=~"/.*",${FAILED}}`, w)}, "code", "http_5xx", "", "")`,
  latencySuccessBuckets: (w) => `sum by (le) (rate(${HISTOGRAM}_bucket{${API},status!~"5.."}[${w}s]))`,
  latencyFailureBuckets: (w) => `sum by (le) (rate(${HISTOGRAM}_bucket{${API},${FAILED}}[${w}s]))`,
  saturation: (w) => ({
    poolInUseRatio: `sum(avg_over_time(opsdesk_db_pool_busy[${w}s])) / sum(avg_over_time(opsdesk_db_pool_max[${w}s]))`,
    postgresConnectionsRatio: `max(max_over_time(opsdesk_pg_connections[${w}s])) / max(max_over_time(opsdesk_pg_max_connections[${w}s]))`,
    eventLoopLagP99Ms: `max(max_over_time(opsdesk_nodejs_eventloop_lag_p99_seconds[${w}s])) * 1000`,
    rssBytes: `sum(avg_over_time(opsdesk_process_resident_memory_bytes[${w}s]))`,
  }),
};

const withWindow = (template: string, windowSeconds: number) => template.replaceAll(WINDOW_PLACEHOLDER, `${windowSeconds}s`);

/** A declared service (SIGNAL_SERVICES_FILE): its rates times the window give the counts. */
export function declaredServicePromql(service: TSignalServiceDefinition): ServicePromql {
  const failureBuckets = service.failureLatencyBuckets;
  return {
    requests: (w) => `(${withWindow(service.requestsRate, w)}) * ${w}`,
    errors: (w) => `(${withWindow(service.errorsRate, w)}) * ${w}`,
    errorsByCode: null,
    latencySuccessBuckets: (w) => `sum by (le) (rate(${service.latencyBuckets}[${w}s]))`,
    latencyFailureBuckets: failureBuckets ? (w) => `sum by (le) (rate(${failureBuckets}[${w}s]))` : null,
    saturation: (w) => (service.saturation ? { ratio: withWindow(service.saturation, w) } : {}),
  };
}

/**
 * Several one-series queries as one, each result tagged with `signal="<key>"`, so a
 * chart costs one request to Prometheus instead of one per line.
 */
export function tagged(queries: Record<string, string>): string {
  return Object.entries(queries)
    .map(([key, query]) => `label_replace(${query}, "signal", "${key}", "", "")`)
    .join(' or ');
}

/** The three percentiles of a bucket-rate query, tagged p50/p95/p99. */
export function percentileQueries(buckets: string): Record<string, string> {
  return { p50: `histogram_quantile(0.5, ${buckets})`, p95: `histogram_quantile(0.95, ${buckets})`, p99: `histogram_quantile(0.99, ${buckets})` };
}

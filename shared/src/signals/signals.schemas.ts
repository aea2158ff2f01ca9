import { z } from 'zod';

/**
 * Golden signals (docs/observability.md): what the Signals page asks for and gets back,
 * whichever source answers (Opsdesk's own samples in PostgreSQL, or Prometheus later).
 * Zod only, so the console reuses it for its range picker.
 */

/** Upper bounds (ms) of the latency buckets; one more bucket counts everything slower. Same bounds as /metrics. */
export const SIGNAL_LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 300, 500, 1000, 2500, 5000, 10000] as const;

/** Ranges the page offers, each with the step its chart uses (≈ 60–170 points). */
export const SIGNAL_RANGES = { '1h': { seconds: 3600, stepSeconds: 60 }, '6h': { seconds: 21600, stepSeconds: 300 }, '24h': { seconds: 86400, stepSeconds: 900 }, '7d': { seconds: 604800, stepSeconds: 3600 }, '30d': { seconds: 2592000, stepSeconds: 21600 } } as const;
export type SignalRange = keyof typeof SIGNAL_RANGES;
export const SIGNAL_RANGE_NAMES = Object.keys(SIGNAL_RANGES) as SignalRange[];

/** Service names: lower case, digits and hyphens (as SLO services). */
export const ZSignalService = z
  .string()
  .max(63, { error: 'Unknown service', abort: true })
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'Unknown service');

export const ZSignalsQueryRequestSchema = z.strictObject({
  service: ZSignalService.default('opsdesk'),
  range: z.enum(SIGNAL_RANGE_NAMES as [SignalRange, ...SignalRange[]]).default('1h'),
});
export type TSignalsQueryRequest = z.infer<typeof ZSignalsQueryRequestSchema>;

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** One step of the chart; null where nothing was measured in that step. */
export interface SignalPoint {
  /** Start of the step (ISO). */
  at: string;
  requestsPerSecond: number;
  errorRatio: number | null;
  latencySuccessMs: LatencyPercentiles | null;
  latencyFailureMs: LatencyPercentiles | null;
  saturation: {
    poolInUseRatio: number | null;
    postgresConnectionsRatio: number | null;
    eventLoopLagP99Ms: number | null;
    rssBytes: number | null;
    /** A declared service's own saturation (0–1, the PromQL in SIGNAL_SERVICES_FILE); Opsdesk's fields above are null for it. */
    ratio?: number | null;
  };
}

export interface SignalsResult {
  service: string;
  source: 'builtin' | 'prometheus';
  range: SignalRange;
  stepSeconds: number;
  from: string;
  to: string;
  points: SignalPoint[];
  totals: {
    requests: number;
    errors: number;
    /** Failed tRPC calls by code and non-tRPC 5xx (`http_5xx`) over the range. */
    errorsByCode: { code: string; count: number }[];
    latencySuccessMs: LatencyPercentiles | null;
    latencyFailureMs: LatencyPercentiles | null;
  };
}

/**
 * Where signals come from. The built-in source reads ops.signal_samples; a Prometheus
 * source implements the same two calls with PromQL, so the page does not care which.
 */
export interface SignalSource {
  readonly name: SignalsResult['source'];
  listServices(): Promise<string[]>;
  query(request: TSignalsQueryRequest, now?: Date): Promise<SignalsResult>;
}

export * from './latencyPercentiles.js';

import { percentiles } from './benchStats.js';
import type { LoadResult, ResponseSample } from './loadRun.js';
import type { ProbeSamples } from './probes.js';

/**
 * The capacity bench's figures, from the raw samples. A "spread" is the lowest and
 * highest value of the figure over the level's 3-second windows: on a shared machine one
 * number hides how much it moved while it was measured.
 */
export interface Spread {
  value: number;
  min: number;
  max: number;
}

export interface TrafficFigures {
  attempts: number;
  answered: number;
  rps: Spread;
  p50: number;
  p95: Spread;
  p99: number;
  /** Answers other than 2xx and 429, plus timeouts and connection errors, over attempts. */
  errorRate: number;
  rate429: number;
  /** Part of errorRate: the server said it is overloaded (pool acquire timeout). */
  rate503: number;
  /** Status code (or "timeout" / "connection error") → count. */
  statuses: Record<string, number>;
  byKind: { kind: string; n: number; p50: number; p95: number; errorRate: number }[];
}

export interface ProbeFigures {
  label: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  okShare: number;
  timedOut: number;
  reasons: Record<string, number>;
  /** The bar: p95 within 1 s (a probe that timed out counts as the timeout). */
  withinOneSecond: boolean;
}

const WINDOW_MS = 3_000;
const MIN_WINDOW_ANSWERS = 10;

export function trafficFigures(run: LoadResult): TrafficFigures {
  const { samples } = run;
  const attempts = samples.length + run.timeouts + run.connectionErrors;
  const latency = percentiles(samples.map((s) => s.ms));
  const windows = windowsOf(samples, run.seconds * 1000);
  // A window with a handful of answers has no meaningful p95: then no spread is shown at all,
  // rather than a range that leaves out the slowest windows.
  const windowP95 = windows.every((w) => w.length >= MIN_WINDOW_ANSWERS) ? windows.map((w) => percentiles(w.map((s) => s.ms)).p95) : [];
  const windowRps = windows.map((w) => w.length / (WINDOW_MS / 1000));
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  if (run.timeouts) statuses.timeout = run.timeouts;
  if (run.connectionErrors) statuses['connection error'] = run.connectionErrors;
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  return {
    attempts,
    answered: samples.length,
    rps: spread(samples.length / run.seconds, windowRps),
    p50: latency.p50,
    p95: spread(latency.p95, windowP95),
    p99: latency.p99,
    errorRate: share(samples.filter(isError).length + run.timeouts + run.connectionErrors, attempts),
    rate429: share(samples.filter((s) => s.status === 429).length, attempts),
    rate503: share(samples.filter((s) => s.status === 503).length, attempts),
    statuses,
    byKind: kinds.map((kind) => {
      const ofKind = samples.filter((s) => s.kind === kind);
      const p = percentiles(ofKind.map((s) => s.ms));
      return { kind, n: ofKind.length, p50: p.p50, p95: p.p95, errorRate: share(ofKind.filter(isError).length, ofKind.length) };
    }),
  };
}

export function probeFigures(probe: ProbeSamples): ProbeFigures {
  const p = percentiles(probe.ms);
  const n = probe.ms.length;
  return {
    label: probe.label,
    n,
    p50: p.p50,
    p95: p.p95,
    max: Math.max(...probe.ms, 0),
    okShare: share(probe.ok, n),
    timedOut: probe.timedOut,
    reasons: probe.reasons,
    withinOneSecond: n > 0 && p.p95 <= 1000,
  };
}

const isError = (s: ResponseSample) => !(s.status >= 200 && s.status < 300) && s.status !== 429;
const share = (part: number, whole: number) => (whole ? part / whole : 0);

function windowsOf(samples: ResponseSample[], totalMs: number): ResponseSample[][] {
  const count = Math.max(1, Math.floor(totalMs / WINDOW_MS));
  const windows: ResponseSample[][] = Array.from({ length: count }, () => []);
  // Answers after the last full window (autocannon's final in-flight ones) join it.
  for (const s of samples) windows[Math.min(count - 1, Math.floor(s.at / WINDOW_MS))]!.push(s);
  return windows;
}

function spread(value: number, perWindow: number[]): Spread {
  return perWindow.length ? { value, min: Math.min(...perWindow), max: Math.max(...perWindow) } : { value, min: NaN, max: NaN };
}

import type { LatencyPercentiles, SignalsResult } from '@opsdesk/shared';

/** How the Signals page words its numbers; "—" where nothing was measured (never 0). */
const DASH = '—';
const decimals = (value: number, digits: number) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

export const SOURCE_LABELS: Record<SignalsResult['source'], string> = { builtin: 'Built-in', prometheus: 'Prometheus' };

export const formatRate = (perSecond: number | null | undefined) => (perSecond == null ? DASH : `${decimals(perSecond, perSecond < 10 ? 2 : 0)} req/s`);
export const formatPercent = (ratio: number | null | undefined) => (ratio == null ? DASH : `${decimals(ratio * 100, ratio < 0.1 ? 2 : 1)} %`);
export const formatMs = (ms: number | null | undefined) => (ms == null ? DASH : ms >= 1000 ? `${decimals(ms / 1000, 2)} s` : `${decimals(ms, ms < 10 ? 1 : 0)} ms`);

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${decimals(value, value < 10 ? 1 : 0)} ${units[unit]}`;
}

export const formatPercentiles = (p: LatencyPercentiles | null) => (p ? `p50 ${formatMs(p.p50)} · p95 ${formatMs(p.p95)} · p99 ${formatMs(p.p99)}` : DASH);

/** An axis tick for a step start: the time of day for ranges up to a day, the date beyond. */
export function tickLabel(at: string, stepSeconds: number): string {
  const date = new Date(at);
  return stepSeconds >= 3600 ? date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' }) : date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** One row per step for the charts, nested values flattened (recharts reads flat keys; null leaves a gap). */
export function chartRows(result: SignalsResult) {
  return result.points.map((point) => ({
    at: point.at,
    requestsPerSecond: point.requestsPerSecond,
    errorRatio: point.errorRatio,
    successP50: point.latencySuccessMs?.p50 ?? null,
    successP95: point.latencySuccessMs?.p95 ?? null,
    successP99: point.latencySuccessMs?.p99 ?? null,
    failureP50: point.latencyFailureMs?.p50 ?? null,
    failureP95: point.latencyFailureMs?.p95 ?? null,
    failureP99: point.latencyFailureMs?.p99 ?? null,
    poolInUseRatio: point.saturation.poolInUseRatio,
    postgresConnectionsRatio: point.saturation.postgresConnectionsRatio,
    eventLoopLagP99Ms: point.saturation.eventLoopLagP99Ms,
    rssBytes: point.saturation.rssBytes,
  }));
}
export type SignalChartRow = ReturnType<typeof chartRows>[number];

/** Whether any step measured something: an empty range shows a sentence, not flat lines at zero. */
export const hasSamples = (result: SignalsResult) => result.totals.requests > 0 || result.points.some((p) => p.saturation.rssBytes !== null || p.saturation.poolInUseRatio !== null);

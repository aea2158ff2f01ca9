import { SIGNAL_RANGES, type LatencyPercentiles, type SignalPoint, type SignalSource, type SignalsResult, type TSignalsQueryRequest } from '@opsdesk/shared';
import { TRPCError } from '@trpc/server';
import { PrometheusError, type PrometheusClient, type PromSeries } from './prometheusClient.js';
import { declaredServicePromql, opsdeskPromql, percentileQueries, tagged, type ServicePromql } from './servicePromql.js';
import type { TSignalServiceDefinition } from './signalServices.schemas.js';

/** Values by `signal` label, then by evaluation time (ms); NaN and ±Inf (no data) are left out. */
type Tagged = Map<string, Map<number, number>>;

function byTag(series: PromSeries[]): Tagged {
  const tags: Tagged = new Map();
  for (const { labels, samples } of series) {
    const values = new Map<number, number>();
    for (const { at, value } of samples) if (Number.isFinite(value)) values.set(Math.round(at * 1000), value);
    tags.set(labels.signal ?? '', values);
  }
  return tags;
}

const SATURATION_FIELDS = ['poolInUseRatio', 'postgresConnectionsRatio', 'eventLoopLagP99Ms', 'rssBytes'] as const;

/**
 * The four signals through Prometheus's HTTP API (PROMETHEUS_URL): Opsdesk from its own
 * /metrics, and the services declared in SIGNAL_SERVICES_FILE. Steps and range line up
 * with the built-in source's, so the page reads both the same way. Prometheus down or
 * answering nonsense is a 502 that says so, never a 500.
 */
export function prometheusSignalSource(options: { client: PrometheusClient; services: readonly TSignalServiceDefinition[] }): SignalSource {
  const { client } = options;
  const declared = new Map(options.services.map((service) => [service.name, declaredServicePromql(service)]));

  async function read(request: TSignalsQueryRequest, promql: ServicePromql, now: Date): Promise<SignalsResult> {
    const { seconds, stepSeconds } = SIGNAL_RANGES[request.range];
    const stepMs = stepSeconds * 1000;
    const to = new Date(Math.floor(now.getTime() / stepMs) * stepMs + stepMs);
    const from = new Date(to.getTime() - seconds * 1000);
    // Each step is evaluated at its end, over the step; the totals at now, over the range so far.
    const steps = { start: new Date(from.getTime() + stepMs), end: to, stepSeconds };
    const window = Math.ceil((now.getTime() - from.getTime()) / 1000);
    const saturation = promql.saturation(stepSeconds);
    const failureBuckets = promql.latencyFailureBuckets;
    const prefixed = (prefix: string, queries: Record<string, string>) => Object.fromEntries(Object.entries(queries).map(([key, query]) => [`${prefix}${key}`, query]));
    const [traffic, success, failure, saturationSeries, totals, codes] = await Promise.all([
      client.queryRange(tagged({ requests: promql.requests(stepSeconds), errors: promql.errors(stepSeconds) }), steps),
      client.queryRange(tagged(percentileQueries(promql.latencySuccessBuckets(stepSeconds))), steps),
      failureBuckets ? client.queryRange(tagged(percentileQueries(failureBuckets(stepSeconds))), steps) : [],
      Object.keys(saturation).length > 0 ? client.queryRange(tagged(saturation), steps) : [],
      client.query(
        tagged({
          requests: promql.requests(window),
          errors: promql.errors(window),
          ...prefixed('success_', percentileQueries(promql.latencySuccessBuckets(window))),
          ...(failureBuckets ? prefixed('failure_', percentileQueries(failureBuckets(window))) : {}),
        }),
        now,
      ),
      promql.errorsByCode ? client.query(promql.errorsByCode(window), now) : [],
    ]);

    const [trafficAt, successAt, failureAt, saturationAt] = [byTag(traffic), byTag(success), byTag(failure), byTag(saturationSeries)];
    const totalsOf = new Map([...byTag(totals)].map(([tag, values]) => [tag, [...values.values()][0]]));
    const points: SignalPoint[] = [];
    for (let at = from.getTime(); at < to.getTime(); at += stepMs) {
      const end = at + stepMs;
      const requests = trafficAt.get('requests')?.get(end) ?? 0;
      const errors = trafficAt.get('errors')?.get(end) ?? 0;
      const saturationPoint: SignalPoint['saturation'] = { poolInUseRatio: null, postgresConnectionsRatio: null, eventLoopLagP99Ms: null, rssBytes: null };
      for (const field of SATURATION_FIELDS) saturationPoint[field] = saturationAt.get(field)?.get(end) ?? null;
      if ('ratio' in saturation) saturationPoint.ratio = saturationAt.get('ratio')?.get(end) ?? null;
      points.push({
        at: new Date(at).toISOString(),
        requestsPerSecond: requests / stepSeconds,
        errorRatio: requests > 0 ? errors / requests : null,
        latencySuccessMs: percentilesMs((q) => successAt.get(q)?.get(end)),
        latencyFailureMs: percentilesMs((q) => failureAt.get(q)?.get(end)),
        saturation: saturationPoint,
      });
    }
    return {
      service: request.service,
      source: 'prometheus',
      range: request.range,
      stepSeconds,
      from: from.toISOString(),
      to: to.toISOString(),
      points,
      totals: {
        // Counters give whole numbers; a declared service's rate × window may not.
        requests: Math.round(totalsOf.get('requests') ?? 0),
        errors: Math.round(totalsOf.get('errors') ?? 0),
        errorsByCode: codes
          .map(({ labels, samples }) => ({ code: labels.code ?? 'unknown', count: Math.round(samples[0]?.value ?? 0) }))
          .filter(({ count }) => count > 0)
          .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
          .slice(0, 20),
        latencySuccessMs: percentilesMs((q) => totalsOf.get(`success_${q}`)),
        latencyFailureMs: percentilesMs((q) => totalsOf.get(`failure_${q}`)),
      },
    };
  }

  return {
    name: 'prometheus',
    listServices: async () => ['opsdesk', ...declared.keys()],
    async query(request, now = new Date()) {
      const promql = request.service === 'opsdesk' ? opsdeskPromql : declared.get(request.service);
      if (!promql) throw new TRPCError({ code: 'NOT_FOUND', message: `Unknown service "${request.service}": Prometheus is asked about opsdesk and the services in SIGNAL_SERVICES_FILE.` });
      try {
        return await read(request, promql, now);
      } catch (error) {
        if (error instanceof PrometheusError) throw new TRPCError({ code: 'BAD_GATEWAY', message: error.message, cause: error });
        throw error;
      }
    },
  };
}

/** histogram_quantile answers seconds, NaN without traffic (left out by byTag). */
function percentilesMs(valueOf: (quantile: 'p50' | 'p95' | 'p99') => number | undefined): LatencyPercentiles | null {
  const [p50, p95, p99] = (['p50', 'p95', 'p99'] as const).map(valueOf);
  if (p50 === undefined || p95 === undefined || p99 === undefined) return null;
  return { p50: p50 * 1000, p95: p95 * 1000, p99: p99 * 1000 };
}

import { z } from 'zod';

/**
 * A small client for Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`):
 * plain fetch with a timeout, every answer parsed strictly. Anything but a well-formed
 * success becomes a PrometheusError whose message names Prometheus and says what went
 * wrong, so the Signals page can show it (signals/prometheus/prometheusSignalSource.ts).
 */
export class PrometheusError extends Error {}

const ZSampleValue = z.tuple([z.number(), z.string()]);
const ZLabels = z.record(z.string(), z.string());
const ZVectorData = z.strictObject({ resultType: z.literal('vector'), result: z.array(z.strictObject({ metric: ZLabels, value: ZSampleValue })) });
const ZScalarData = z.strictObject({ resultType: z.literal('scalar'), result: ZSampleValue });
const ZMatrixData = z.strictObject({ resultType: z.literal('matrix'), result: z.array(z.strictObject({ metric: ZLabels, values: z.array(ZSampleValue) })) });
// Prometheus adds `warnings` (and from 2.44 `infos`) beside data; they are not errors.
const ZAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('success'), data: z.unknown() }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

/** One series: its labels and its samples (seconds since the epoch, value; NaN where Prometheus says NaN). */
export interface PromSeries {
  labels: Record<string, string>;
  samples: { at: number; value: number }[];
}

export interface PrometheusClient {
  /** Where it points, without any credentials in the URL: for messages. */
  readonly displayUrl: string;
  /**
   * An instant query at `time`; a scalar answers as one series without labels. `signal`
   * lets the caller stop waiting sooner than the timeout (the SLO pass's own bound).
   */
  query(promql: string, time: Date, signal?: AbortSignal): Promise<PromSeries[]>;
  queryRange(promql: string, range: { start: Date; end: Date; stepSeconds: number }, signal?: AbortSignal): Promise<PromSeries[]>;
}

const toSample = ([at, value]: [number, string]) => ({ at, value: Number(value) });

export function createPrometheusClient(options: { url: string; timeoutMs: number }): PrometheusClient {
  const base = new URL(options.url);
  const displayUrl = `${base.origin}${base.pathname.replace(/\/$/, '')}`;
  const credentials = base.username ? `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}` : null;

  async function post(path: string, form: Record<string, string>, signal: AbortSignal | undefined): Promise<unknown> {
    const what = `Prometheus at ${displayUrl}`;
    let response: Response;
    try {
      // POST with a form body: long PromQL never meets a URL length limit.
      response = await fetch(`${displayUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...(credentials ? { authorization: credentials } : {}) },
        body: new URLSearchParams(form),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      // The caller's signal says why it stopped waiting; fetch's own error would only say "aborted".
      const stopped = signal?.aborted ? describeCause(signal.reason) : null;
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const reason = stopped ?? (timedOut ? `no answer within ${options.timeoutMs} ms` : describeCause(error));
      throw new PrometheusError(`${what} did not answer: ${reason}`, { cause: error });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new PrometheusError(`${what} answered HTTP ${response.status} with something that is not its JSON API (is PROMETHEUS_URL right?)`, { cause: error });
    }
    const answer = ZAnswer.safeParse(body);
    if (!answer.success) throw new PrometheusError(`${what} answered HTTP ${response.status} in an unexpected shape (is PROMETHEUS_URL right?)`);
    if (answer.data.status === 'error') throw new PrometheusError(`${what} refused the query (${answer.data.errorType}): ${answer.data.error}`);
    return answer.data.data;
  }

  function parse<T>(schema: z.ZodType<T>, data: unknown): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new PrometheusError(`Prometheus at ${displayUrl} answered with data of an unexpected shape: ${z.prettifyError(parsed.error).slice(0, 300)}`);
    return parsed.data;
  }

  return {
    displayUrl,
    async query(promql, time, signal) {
      const data = parse(z.union([ZVectorData, ZScalarData]), await post('/api/v1/query', { query: promql, time: String(time.getTime() / 1000) }, signal));
      if (data.resultType === 'scalar') return [{ labels: {}, samples: [toSample(data.result)] }];
      return data.result.map((series) => ({ labels: series.metric, samples: [toSample(series.value)] }));
    },
    async queryRange(promql, { start, end, stepSeconds }, signal) {
      const form = { query: promql, start: String(start.getTime() / 1000), end: String(end.getTime() / 1000), step: String(stepSeconds) };
      const data = parse(ZMatrixData, await post('/api/v1/query_range', form, signal));
      return data.result.map((series) => ({ labels: series.metric, samples: series.values.map(toSample) }));
    },
  };
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND) in its cause. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `${cause.code}${typeof cause.message === 'string' ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

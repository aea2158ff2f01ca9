import { BURN_WINDOW_MINUTES, BURN_WINDOWS, type BurnWindow, type EventCounts, type TSloDefinition } from '@opsdesk/shared';
import { loadConfig, type Config } from '../../config/config.js';
import { createPrometheusClient, PrometheusError, type PrometheusClient } from '../signals/prometheus/prometheusClient.js';
import { WINDOW_PLACEHOLDER, type TSignalServiceDefinition } from '../signals/prometheus/signalServices.schemas.js';
import { sliEventCounts } from '../signals/prometheus/sliEventCounts.js';
import type { SliQueryTemplates } from './opsdeskSliQueries.js';

/**
 * SLOs of the services declared in SIGNAL_SERVICES_FILE (docs/observability.md, "Prometheus
 * source") are evaluated from Prometheus: only it has their requests. Opsdesk's own SLOs
 * keep the built-in samples even with PROMETHEUS_URL set: they are exact counts, already
 * in PostgreSQL, and an outage of Prometheus does not blind the console to itself.
 */
export interface SloPrometheus {
  client: PrometheusClient;
  services: ReadonlyMap<string, TSignalServiceDefinition>;
}

export function sloPrometheusFrom(config: Pick<Config, 'PROMETHEUS_URL' | 'PROMETHEUS_TIMEOUT_MS' | 'signalServices'>): SloPrometheus | null {
  if (!config.PROMETHEUS_URL) return null;
  return {
    client: createPrometheusClient({ url: config.PROMETHEUS_URL, timeoutMs: config.PROMETHEUS_TIMEOUT_MS }),
    services: new Map(config.signalServices.map((service) => [service.name, service])),
  };
}

// Process-wide, like the webhook settings (sloWebhook.ts): the evaluation job is a
// built-in kind without the app's config. Read from the environment at first use.
let configured: SloPrometheus | null | undefined;

/** Set by tests (and could be by main.ts) instead of reading the environment. */
export function configureSloPrometheus(config: Pick<Config, 'PROMETHEUS_URL' | 'PROMETHEUS_TIMEOUT_MS' | 'signalServices'>): void {
  configured = sloPrometheusFrom(config);
}

export function sloPrometheus(): SloPrometheus | null {
  return (configured ??= sloPrometheusFrom(loadConfig()));
}

/** Whether an SLO of this service is evaluated through Prometheus (SloSummary.source). */
export function isPrometheusService(service: string, prometheus: SloPrometheus | null = sloPrometheus()): boolean {
  return prometheus?.services.has(service) ?? false;
}

/** `le` as client libraries write it: Go's "0.25" and "1", Python's "1.0". */
function leMatcher(thresholdMs: number): string {
  const [whole, fraction] = String(thresholdMs / 1000).split('.');
  return fraction === undefined ? `${whole}([.]0*)?` : `${whole}[.]${fraction}0*`;
}

function withLabel(selector: string, label: string): string {
  const open = selector.indexOf('{');
  if (open < 0) return `${selector}{${label}}`;
  const inner = selector.slice(open + 1, -1).trim();
  return `${selector.slice(0, open)}{${inner ? `${inner},` : ''}${label}}`;
}

/**
 * The SLI's queries for a declared service, Sloth-shaped (rates over `{{.window}}`).
 * Valid: its requests. Availability: bad = its errors. Latency: bad = requests not both
 * successful and within the threshold, i.e. requests minus the `le` = threshold bucket.
 */
export function declaredSliQueries(service: TSignalServiceDefinition, sli: TSloDefinition['sli']): SliQueryTemplates {
  if (sli.kind === 'availability') return { totalQuery: service.requestsRate, errorQuery: service.errorsRate };
  const fast = `sum(rate(${withLabel(service.latencyBuckets, `le=~"${leMatcher(sli.thresholdMs)}"`)}[${WINDOW_PLACEHOLDER}]))`;
  return { totalQuery: service.requestsRate, errorQuery: `(${service.requestsRate}) - (${fast})` };
}

/**
 * Why a latency threshold cannot be measured for a declared service, or null when it can:
 * a histogram answers only at its bucket bounds, so the threshold must be one of the
 * `le` values Prometheus holds for the service's bucket selector now.
 */
export async function declaredThresholdProblem(prometheus: SloPrometheus, definition: TSloDefinition): Promise<string | null> {
  const service = prometheus.services.get(definition.service);
  if (!service || definition.sli.kind !== 'latency') return null;
  const series = await prometheus.client.query(`count by (le) (${service.latencyBuckets})`, new Date());
  const bounds = [...new Set(series.map((s) => Number(s.labels.le)).filter((b) => Number.isFinite(b)))].sort((a, b) => a - b);
  if (bounds.includes(definition.sli.thresholdMs / 1000)) return null;
  if (bounds.length === 0) return `Prometheus has no series for ${service.latencyBuckets} yet, so the latency threshold cannot be checked against its bucket bounds; try again once ${definition.service} has served requests.`;
  return `The latency threshold must be one of ${definition.service}'s histogram bucket bounds: ${bounds.map((b) => `${b * 1000}`).join(', ')} ms.`;
}

export type SloWindowCounts = { burn: Record<BurnWindow, EventCounts>; window: EventCounts };

/** Good and valid events per burn window and over the SLO window, all ending at `at`; throws PrometheusError when Prometheus fails or `signal` aborts. */
export async function prometheusWindowCounts(prometheus: SloPrometheus, definition: TSloDefinition, at: Date, signal?: AbortSignal): Promise<SloWindowCounts> {
  const service = prometheus.services.get(definition.service);
  if (!service) throw new PrometheusError(`${definition.service} is not declared in SIGNAL_SERVICES_FILE`);
  const templates = declaredSliQueries(service, definition.sli);
  const countsOver = async (minutes: number): Promise<EventCounts> => {
    const { good, valid } = await sliEventCounts(prometheus.client, templates, { seconds: minutes * 60, endsAt: at, signal });
    // The shared arithmetic counts whole events (exactly, in BigInt); increase()'s extrapolation is not whole. Rounding keeps good ≤ valid.
    return { good: Math.round(good), valid: Math.round(valid) };
  };
  const [window, ...burn] = await Promise.all([countsOver(definition.windowDays * 1440), ...BURN_WINDOWS.map((w) => countsOver(BURN_WINDOW_MINUTES[w]))]);
  return { window: window!, burn: Object.fromEntries(BURN_WINDOWS.map((w, i) => [w, burn[i]!])) as Record<BurnWindow, EventCounts> };
}

/**
 * Declared SLOs read at once: each is 16 queries (8 windows × valid and bad), so at most
 * 64 in flight; Prometheus queues what exceeds its --query.max-concurrency (20).
 */
const SLOS_READ_AT_ONCE = 4;

export type DeclaredSloRead<T> = { slo: T; counts: SloWindowCounts; error?: undefined } | { slo: T; error: string };

/**
 * Every declared SLO's counts, a few SLOs at a time, until `signal` aborts (the pass's
 * bound, or the job's timeout): an SLO not read by then has the reason as its error. A
 * hanging Prometheus thus costs a pass at most that bound, however many SLOs are
 * declared, where reading them one after another cost one timeout each. Never throws.
 */
export async function readDeclaredSloCounts<T extends { definition: TSloDefinition }>(prometheus: SloPrometheus, slos: readonly T[], at: Date, signal: AbortSignal): Promise<DeclaredSloRead<T>[]> {
  const reads: DeclaredSloRead<T>[] = [];
  let next = 0;
  const readInTurn = async () => {
    for (let index = next++; index < slos.length; index = next++) {
      const slo = slos[index]!;
      try {
        if (signal.aborted) throw new PrometheusError(`Prometheus at ${prometheus.client.displayUrl} was not asked: ${errorMessage(signal.reason)}`);
        reads[index] = { slo, counts: await prometheusWindowCounts(prometheus, slo.definition, at, signal) };
      } catch (error) {
        reads[index] = { slo, error: errorMessage(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SLOS_READ_AT_ONCE, slos.length) }, readInTurn));
  return reads;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

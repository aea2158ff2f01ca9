import type { SliQueryTemplates } from '../../slo/opsdeskSliQueries.js';
import type { PrometheusClient } from './prometheusClient.js';
import { WINDOW_PLACEHOLDER } from './signalServices.schemas.js';

export interface SliEventCounts {
  /** Valid events in the window. */
  valid: number;
  /** Bad events (errors, or requests slower than the threshold). */
  bad: number;
  good: number;
}

/**
 * Good and valid events of an SLI over the window ending at `at`, read through
 * Prometheus from the SLI's PromQL templates (rates over `{{.window}}`): rate × window,
 * which is what the exported Sloth-shaped rules compute too, so the console and a
 * company's own Alertmanager see the same numbers (increase()'s extrapolation included:
 * counts need not be whole). A rule with no series yet reads 0. Prometheus failing, or
 * `signal` aborting first, throws PrometheusError, for the caller to record.
 */
export async function sliEventCounts(client: PrometheusClient, templates: SliQueryTemplates, window: { seconds: number; endsAt: Date; signal?: AbortSignal }): Promise<SliEventCounts> {
  const count = async (template: string) => {
    const promql = `(${template.replaceAll(WINDOW_PLACEHOLDER, `${window.seconds}s`)}) * ${window.seconds}`;
    const series = await client.query(promql, window.endsAt, window.signal);
    const value = series[0]?.samples[0]?.value ?? 0;
    return Number.isFinite(value) ? value : 0;
  };
  const [valid, bad] = await Promise.all([count(templates.totalQuery), count(templates.errorQuery)]);
  // A latency SLI's bad events are total minus fast: never below zero, never above valid.
  const boundedBad = Math.min(Math.max(bad, 0), valid);
  return { valid, bad: boundedBad, good: valid - boundedBad };
}

import type { TSloDefinition } from '@opsdesk/shared';
import { REQUEST_DURATION_BUCKETS } from '../../observability/metrics.js';

/**
 * PromQL for an SLI, Sloth's way: two queries with a `{{.window}}` placeholder, the rate
 * of bad events and the rate of valid events. Opsdesk's own SLOs read its request
 * histogram (observability/metrics.ts); SLOs of other services will bring their own.
 */
export interface SliQueryTemplates {
  errorQuery: string;
  totalQuery: string;
}

export const WINDOW_PLACEHOLDER = '{{.window}}';

const HISTOGRAM = 'opsdesk_http_request_duration_seconds';
// Valid API requests: not the web bundle (`static`), not probes or Prometheus's own scrapes.
const API_REQUESTS = 'procedure!~"static|/healthz|/readyz|/metrics"';
const SUCCEEDED = 'status!~"5.."';

export function opsdeskSliQueries(slo: TSloDefinition): SliQueryTemplates {
  const totalQuery = `sum(rate(${HISTOGRAM}_count{${API_REQUESTS}}[${WINDOW_PLACEHOLDER}]))`;
  if (slo.sli.kind === 'availability') {
    // `or vector(0)`: with no 5xx series yet the sum is empty, and the SLI would read "no data" instead of 0.
    return { errorQuery: `sum(rate(${HISTOGRAM}_count{${API_REQUESTS},status=~"5.."}[${WINDOW_PLACEHOLDER}])) or vector(0)`, totalQuery };
  }
  const le = slo.sli.thresholdMs / 1000;
  // Histograms only know their bucket bounds: a threshold between two would be silently rounded.
  if (!REQUEST_DURATION_BUCKETS.includes(le)) {
    throw new Error(`latency threshold ${slo.sli.thresholdMs} ms is not a bucket bound of ${HISTOGRAM} (${REQUEST_DURATION_BUCKETS.map((b) => b * 1000).join(', ')} ms)`);
  }
  // Good = succeeded within the threshold, as the console counts it (sloSli.ts): a fast 5xx
  // is not good, or an outage answering 500 in 2 ms would hold the latency SLO at 100 %.
  return { errorQuery: `${totalQuery} - sum(rate(${HISTOGRAM}_bucket{${API_REQUESTS},${SUCCEEDED},le="${le}"}[${WINDOW_PLACEHOLDER}]))`, totalQuery };
}

import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Opsdesk's own Prometheus metrics, one registry per app so tests can run several apps. */
export interface AppMetrics {
  registry: Registry;
  requestDuration: Histogram<'procedure' | 'method' | 'status'>;
}

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opsdesk_' });
  const requestDuration = new Histogram({
    name: 'opsdesk_http_request_duration_seconds',
    help: 'HTTP request duration by tRPC procedure (or route) and status code',
    labelNames: ['procedure', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, requestDuration };
}

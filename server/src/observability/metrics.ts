import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolStats, type Db, type PoolStats } from '../db/database.js';
import { readPostgresConnections } from './postgresConnections.queries.js';

/** Opsdesk's own Prometheus metrics, one registry per app so tests can run several apps. */
export interface AppMetrics {
  registry: Registry;
  requestDuration: Histogram<'procedure' | 'method' | 'status'>;
  /** Sign-ins answered 429: refused by the rate limit, or the failure that started a lock-out. */
  signInsRefused: Counter;
  /** Requests answered 429 by a named rate limit (features/rateLimits/), by limit name. */
  rateLimitBlocks: Counter<'limit'>;
  /** Failed tRPC calls by code (one per call, so a batch may count several): errors by code for the Prometheus signals source. */
  trpcErrors: Counter<'code'>;
}

/** Seconds. 0.3 is the API latency SLO's threshold: a latency SLI can only be read at a bucket bound (features/slo/). */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opsdesk_' });
  const requestDuration = new Histogram({
    name: 'opsdesk_http_request_duration_seconds',
    help: 'HTTP request duration by tRPC procedure (or route) and status code',
    labelNames: ['procedure', 'method', 'status'] as const,
    buckets: REQUEST_DURATION_BUCKETS,
    registers: [registry],
  });
  const signInsRefused = new Counter({
    name: 'opsdesk_sign_ins_refused_total',
    help: 'Sign-in attempts answered 429 (rate limit or lock-out); refused attempts are not written to the audit log',
    registers: [registry],
  });
  const rateLimitBlocks = new Counter({
    name: 'opsdesk_rate_limit_blocks_total',
    help: 'Requests answered 429 by a named rate limit (staffApi, webhooks, flagsApi)',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const trpcErrors = new Counter({
    name: 'opsdesk_trpc_errors_total',
    help: 'Failed tRPC calls by error code (BAD_REQUEST, UNAUTHORIZED, INTERNAL_SERVER_ERROR, …)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  return { registry, requestDuration, signInsRefused, rateLimitBlocks, trpcErrors };
}

/** Database pool gauges, read at scrape time: saturation is busy = max with waiting > 0. */
export function observePool(metrics: AppMetrics, read: () => PoolStats | null): void {
  const gauge = (name: string, help: string, pick: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        const stats = read();
        if (stats) this.set(pick(stats));
      },
    });
  gauge('opsdesk_db_pool_max', 'Connections the pool may open', (s) => s.max);
  gauge('opsdesk_db_pool_busy', 'Connections checked out by a query or transaction', (s) => s.total - s.idle);
  gauge('opsdesk_db_pool_waiting', 'Queries waiting for a connection', (s) => s.waiting);
}

/**
 * PostgreSQL connections and max_connections, read at scrape time (saturation of the
 * server, shared by every client). Skipped while the pool has no idle connection: a
 * scrape must not queue behind the requests it is there to observe; the gauges keep
 * their last value then, and the pool gauges above already say why.
 */
export function observePostgresConnections(metrics: AppMetrics, db: Db): void {
  const gauge = (name: string, help: string, pick: (read: { connections: number; maxConnections: number }) => number) =>
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      async collect() {
        const stats = poolStats(db);
        if (stats && stats.total - stats.idle >= stats.max) return;
        const read = await readPostgresConnections(db).catch(() => null);
        if (read) this.set(pick(read));
      },
    });
  gauge('opsdesk_pg_connections', 'Client connections open on the PostgreSQL server (all clients, not only this instance)', (r) => r.connections);
  gauge('opsdesk_pg_max_connections', 'The PostgreSQL server\'s max_connections', (r) => r.maxConnections);
}

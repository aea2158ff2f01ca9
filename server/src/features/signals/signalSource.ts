import type { SignalSource } from '@opsdesk/shared';
import type { Config } from '../../config/config.js';
import type { DbOrTrx } from '../../db/database.js';
import { builtinSignalSource } from './builtinSignalSource.js';
import { createPrometheusClient } from './prometheus/prometheusClient.js';
import { prometheusSignalSource } from './prometheus/prometheusSignalSource.js';

/**
 * The one place that picks where signals come from (docs/observability.md): Prometheus
 * when PROMETHEUS_URL is set (Opsdesk and the services in SIGNAL_SERVICES_FILE), else
 * Opsdesk's own samples in PostgreSQL.
 */
export function signalSourceFor(config: Pick<Config, 'PROMETHEUS_URL' | 'PROMETHEUS_TIMEOUT_MS' | 'signalServices'>, db: DbOrTrx): SignalSource {
  if (!config.PROMETHEUS_URL) return builtinSignalSource(db);
  const client = createPrometheusClient({ url: config.PROMETHEUS_URL, timeoutMs: config.PROMETHEUS_TIMEOUT_MS });
  return prometheusSignalSource({ client, services: config.signalServices });
}

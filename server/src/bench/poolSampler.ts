import pg from 'pg';

/**
 * How full the server's database pool gets during a level, from both sides:
 * - the server's /metrics every 500 ms: its pool gauges (`opsdesk_db_pool_busy`,
 *   `…_waiting`, `…_max`) where this version of the server exports them — exact, and the
 *   only way to see queries queued for a connection;
 * - PostgreSQL every 100 ms over the bench's own connection (pg_stat_activity): the
 *   server's connections, how many run a statement or hold a transaction open. Works on
 *   any version of the server, but misses a connection checked out and idle between
 *   two statements outside a transaction.
 */
export interface PoolSummary {
  database: {
    samples: number;
    /** Most connections at once running a statement or inside a transaction. */
    peakBusy: number;
    peakOpen: number;
    peakIdleInTransaction: number;
    /** Share of samples in which every pooled connection was busy. */
    saturatedShare: number;
    /** Why sampling stopped early, if it did. */
    error?: string;
  };
  metrics: {
    samples: number;
    /** Peak of every `opsdesk_…pool…` series, by series. */
    peaks: Record<string, number>;
    busyPeak?: number;
    waitingPeak?: number;
    /** Share of samples with queries waiting for a connection. */
    queuedShare?: number;
  };
}

const SQL_PACE_MS = 100;
const METRICS_PACE_MS = 500;

export function startPoolSampler(options: { databaseUrl: string; metricsUrl: string; poolMax: number }): { stop: () => Promise<PoolSummary> } {
  const summary: PoolSummary = { database: { samples: 0, peakBusy: 0, peakOpen: 0, peakIdleInTransaction: 0, saturatedShare: 0 }, metrics: { samples: 0, peaks: {} } };
  let saturated = 0;
  let queued = 0;
  let running = true;

  const sampleDatabase = (async () => {
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'opsdesk-bench' });
    const side = summary.database;
    try {
      await client.connect();
      while (running) {
        const { rows } = await client.query<{ open: number; busy: number; idleInTransaction: number }>(`
          select count(*)::int as open,
            count(*) filter (where state <> 'idle')::int as busy,
            count(*) filter (where state like 'idle in transaction%')::int as "idleInTransaction"
          from pg_stat_activity
          where datname = current_database() and backend_type = 'client backend' and application_name not like 'opsdesk-bench%'`);
        const row = rows[0]!;
        side.samples += 1;
        side.peakOpen = Math.max(side.peakOpen, row.open);
        side.peakBusy = Math.max(side.peakBusy, row.busy);
        side.peakIdleInTransaction = Math.max(side.peakIdleInTransaction, row.idleInTransaction);
        if (row.busy >= options.poolMax) saturated += 1;
        await pause(SQL_PACE_MS);
      }
    } catch (error) {
      side.error = (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();

  const sampleMetrics = (async () => {
    const side = summary.metrics;
    while (running) {
      try {
        const response = await fetch(options.metricsUrl, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) {
          const series = poolSeries(await response.text());
          side.samples += 1;
          for (const [name, value] of series) side.peaks[name] = Math.max(side.peaks[name] ?? value, value);
          const busy = series.find(([name]) => /pool_(busy|in_use)/.test(name))?.[1];
          const waiting = series.find(([name]) => /pool_waiting/.test(name))?.[1];
          if (busy !== undefined) side.busyPeak = Math.max(side.busyPeak ?? 0, busy);
          if (waiting !== undefined) {
            side.waitingPeak = Math.max(side.waitingPeak ?? 0, waiting);
            if (waiting > 0) queued += 1;
          }
        }
      } catch {
        // A server too busy to answer /metrics within 2 s says enough; the database side still samples.
      }
      await pause(METRICS_PACE_MS);
    }
  })();

  return {
    stop: async () => {
      running = false;
      await Promise.all([sampleDatabase, sampleMetrics]);
      summary.database.saturatedShare = summary.database.samples ? saturated / summary.database.samples : 0;
      if (summary.metrics.waitingPeak !== undefined) summary.metrics.queuedShare = summary.metrics.samples ? queued / summary.metrics.samples : 0;
      return summary;
    },
  };
}

function poolSeries(exposition: string): [string, number][] {
  return exposition
    .split('\n')
    .map((line) => /^(opsdesk_\w*pool\w*(?:\{[^}]*\})?)\s+(\S+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && !match[1]!.includes('_bucket'))
    .map((match) => [match[1]!, Number(match[2])]);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

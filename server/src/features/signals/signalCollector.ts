import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { poolStats, type Db } from '../../db/database.js';
import type { AppMetrics } from '../../observability/metrics.js';
import { readSharedGauges } from './gauges.queries.js';
import { countRequest, countTrpcError, emptyMinute, type MinuteCounts } from './minuteAccumulator.js';
import { insertSignalSamples, type SignalSampleRow } from './signalSamples.queries.js';

/** What the HTTP layer tells the collector (http/createApp.ts); cheap, synchronous, in memory. */
export interface RequestObserver {
  observeRequest(route: string, status: number, durationMs: number): void;
  observeTrpcError(code: string): void;
}

export interface SignalCollectorOptions {
  db: Db;
  /** hostname:port or OPSDESK_INSTANCE: several instances write their own rows. */
  instance: string;
  service?: string;
  /** The app's metrics, for the rate-limit block counters the middleware keeps there. */
  metrics?: AppMetrics;
  logger?: Pick<Logger, 'warn'>;
  /** Milliseconds since the epoch; injected by tests to flush chosen minutes. */
  now?: () => number;
}

export type SignalCollector = ReturnType<typeof createSignalCollector>;

const MINUTE_MS = 60_000;
/** How long after each minute's end the collector writes it (slo.evaluate waits for it). */
export const FLUSH_AFTER_MINUTE_MS = 1_000;
const minuteOf = (ms: number) => Math.floor(ms / MINUTE_MS);

/**
 * Built-in golden signals (docs/observability.md): requests are counted per minute in
 * memory; once a minute (a second after the boundary) the closed minutes are written,
 * one row each, in one insert, with the gauges read at that moment.
 */
export function createSignalCollector(options: SignalCollectorOptions) {
  const { db, instance, service = 'opsdesk', metrics, logger } = options;
  const now = options.now ?? Date.now;
  const pending = new Map<number, MinuteCounts>();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let blocksSeen = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const countsFor = (minute: number) => {
    let counts = pending.get(minute);
    if (!counts) pending.set(minute, (counts = emptyMinute()));
    return counts;
  };

  const observer: RequestObserver = {
    observeRequest: (route, status, durationMs) => countRequest(countsFor(minuteOf(now())), route, status, durationMs),
    observeTrpcError: (code) => countTrpcError(countsFor(minuteOf(now())), code),
  };

  /** Blocks since the previous flush, by limit (the counter only grows). */
  async function rateLimitBlocksSinceLastFlush(): Promise<Record<string, number> | null> {
    if (!metrics) return null;
    const totals = new Map<string, number>();
    for (const { labels, value } of (await metrics.rateLimitBlocks.get()).values) totals.set(String(labels.limit), value);
    const delta: Record<string, number> = {};
    for (const [limit, total] of totals) if (total > (blocksSeen.get(limit) ?? 0)) delta[limit] = total - (blocksSeen.get(limit) ?? 0);
    blocksSeen = totals;
    return delta;
  }

  function loopLagP99Ms(): number | null {
    const p99 = loopDelay.percentile(99);
    loopDelay.reset();
    return p99 > 0 ? p99 / 1e6 : null;
  }

  /**
   * Writes every minute up to `upToMinute` (epoch minutes; default: the last closed one).
   * That minute always gets a row, traffic or not, carrying the gauges.
   */
  async function flush(upToMinute = minuteOf(now()) - 1): Promise<number> {
    const minutes = [...pending.keys()].filter((m) => m <= upToMinute);
    if (!pending.has(upToMinute)) minutes.push(upToMinute);
    // Taken out before anything awaits, so requests finishing meanwhile count in a fresh
    // minute; and if the database is down the minute is lost, rather than memory growing.
    const taken = minutes.sort((a, b) => a - b).map((minute) => ({ minute, counts: pending.get(minute) ?? emptyMinute() }));
    for (const minute of minutes) pending.delete(minute);
    const rows: SignalSampleRow[] = taken.map(({ minute, counts }) => {
      const anyFailure = counts.latencyFailure.some((n) => n > 0);
      return {
        service,
        minute: new Date(minute * MINUTE_MS),
        instance,
        requests: counts.requests,
        errors: counts.errors,
        latencySuccess: counts.requests - counts.errors > 0 ? counts.latencySuccess : null,
        latencySuccessSumMs: counts.latencySuccessSumMs,
        latencyFailure: anyFailure ? counts.latencyFailure : null,
        latencyFailureSumMs: counts.latencyFailureSumMs,
        errorsByCode: counts.errorsByCode,
        webhooksReceived: counts.webhooksReceived,
        ...emptyGauges,
      };
    });
    const pool = poolStats(db);
    Object.assign(rows[rows.length - 1]!, {
      rateLimitBlocks: await rateLimitBlocksSinceLastFlush(),
      poolInUse: pool ? pool.total - pool.idle : null,
      poolMax: pool?.max ?? null,
      eventLoopLagP99Ms: loopLagP99Ms(),
      rssBytes: process.memoryUsage.rss(),
      ...(await readSharedGauges(db)),
    });
    await insertSignalSamples(db, rows);
    return rows.length;
  }

  function scheduleNext() {
    const wait = MINUTE_MS - (Date.now() % MINUTE_MS) + FLUSH_AFTER_MINUTE_MS;
    timer = setTimeout(() => {
      flush().catch((error: unknown) => logger?.warn({ err: error }, 'signal samples not written'));
      scheduleNext();
    }, wait);
    timer.unref();
  }

  return {
    ...observer,
    flush,
    start() {
      loopDelay.enable();
      scheduleNext();
    },
    /** Stops the timer and writes what was counted, the current minute included. */
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      loopDelay.disable();
      await flush(minuteOf(now())).catch((error: unknown) => logger?.warn({ err: error }, 'signal samples not written'));
    },
  };
}

/** A row with no gauge measured: the collector fills in what it read; tests start from it. */
export const emptyGauges = {
  rateLimitBlocks: null,
  poolInUse: null,
  poolMax: null,
  pgConnections: null,
  pgMaxConnections: null,
  eventLoopLagP99Ms: null,
  rssBytes: null,
  webhooksFailed: null,
  webhookBacklogAgeSeconds: null,
  jobQueueDepth: null,
  jobOldestAgeSeconds: null,
} satisfies Partial<SignalSampleRow>;

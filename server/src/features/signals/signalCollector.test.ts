import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SIGNAL_LATENCY_BOUNDS_MS } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../http/createApp.js';
import { createMetrics } from '../../observability/metrics.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { builtinSignalSource } from './builtinSignalSource.js';
import { createSignalCollector } from './signalCollector.js';

/**
 * The built-in collector against a real app over HTTP and a real database. The clock is
 * injected and flushes are called directly: no waiting for the minute to turn.
 */
const MINUTE = 29_400_000; // 2025-11-24T16:00Z in epoch minutes
const atMinute = (minute: number, seconds = 0) => minute * 60_000 + seconds * 1000;
const buckets = (entries: Record<number, number>) => Array.from({ length: SIGNAL_LATENCY_BOUNDS_MS.length + 1 }, (_, i) => entries[i] ?? 0);

describe('built-in golden signals: collection and reads', () => {
  let app: TestApp;
  let server: Server;
  let url: string;
  let nowMs = atMinute(MINUTE, 10);
  const metrics = createMetrics();
  let collector: ReturnType<typeof createSignalCollector>;

  beforeAll(async () => {
    // One webhook a minute per IP, so a second delivery is blocked by a named limit.
    app = await createTestApp({ RATE_LIMIT_WEBHOOKS: '1/60' });
    collector = createSignalCollector({ db: app.db, instance: 'web-1:3000', service: 'opsdesk', metrics, now: () => nowMs });
    server = createApp(app.deps, { webDistDir: '/nonexistent', metrics, signals: collector }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await app?.close();
  });

  const sampleOf = async (instance: string, minute: number) =>
    (
      await sql<{ requests: number; errors: number; latencySuccess: number[] | null; latencyFailure: number[] | null; errorsByCode: string | null; rateLimitBlocks: string | null; webhooksReceived: number | null; poolMax: number | null; pgMaxConnections: number | null; rssBytes: number | null; jobQueueDepth: number | null }>`
        select requests, errors, latency_success, latency_failure, errors_by_code::text as errors_by_code, rate_limit_blocks::text as rate_limit_blocks, webhooks_received, pool_max, pg_max_connections, rss_bytes, job_queue_depth
        from ops.signal_samples where service = 'opsdesk' and resolution_minutes = 1 and instance = ${instance} and minute = ${new Date(minute * 60_000)}`.execute(app.db)
    ).rows[0];

  it('counts real requests, success and failure apart, with the failed tRPC calls by code; probes are not traffic', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const accountGet = () => fetch(`${url}/trpc/account.get`, { headers: { cookie: `opsdesk_session=${sessionToken}` } });
    for (let i = 0; i < 3; i++) expect((await accountGet()).status).toBe(200);
    expect((await fetch(`${url}/trpc/account.get`)).status).toBe(401);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const webhook = () => fetch(`${url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' });
    expect((await webhook()).status).toBe(400);
    expect((await webhook()).status).toBe(429);
    // The sessions table gone: the session lookup fails with an unexpected error, a 500.
    await sql`alter table ops.staff_sessions rename to staff_sessions_away`.execute(app.db);
    try {
      for (let i = 0; i < 2; i++) expect((await accountGet()).status).toBe(500);
    } finally {
      await sql`alter table ops.staff_sessions_away rename to staff_sessions`.execute(app.db);
    }

    nowMs = atMinute(MINUTE + 1, 1);
    expect(await collector.flush()).toBe(1);
    const row = await sampleOf('web-1:3000', MINUTE);
    expect(row).toMatchObject({ requests: 8, errors: 2, webhooksReceived: 0 });
    expect(JSON.parse(row!.rateLimitBlocks!)).toEqual({ webhooks: 1 });
    // Read as text: the CamelCasePlugin would rename the codes inside jsonb.
    expect(JSON.parse(row!.errorsByCode!)).toEqual({ UNAUTHORIZED: 1, INTERNAL_SERVER_ERROR: 2 });
    expect(row!.latencySuccess!.reduce((a, b) => a + b, 0)).toBe(6);
    expect(row!.latencyFailure!.reduce((a, b) => a + b, 0)).toBe(2);
    // Gauges ride on the flushed minute: this process's pool and memory, the database's limits.
    expect(row!.poolMax).toBeGreaterThan(0);
    expect(row!.pgMaxConnections).toBeGreaterThan(0);
    expect(row!.rssBytes).toBeGreaterThan(1_000_000);
    expect(row!.jobQueueDepth).toBe(0);

    // A quiet minute still gets its row (zero traffic is a measurement, not a gap).
    nowMs = atMinute(MINUTE + 2, 1);
    await collector.flush();
    expect(await sampleOf('web-1:3000', MINUTE + 1)).toMatchObject({ requests: 0, errors: 0, latencySuccess: null, latencyFailure: null });
  });

  it('two instances write their own rows; the read sums them, and percentiles come from the summed buckets', async () => {
    const minute = MINUTE + 10;
    const a = createSignalCollector({ db: app.db, instance: 'a:1', service: 'billing-api', now: () => atMinute(minute, 5) });
    const b = createSignalCollector({ db: app.db, instance: 'b:1', service: 'billing-api', now: () => atMinute(minute, 7) });
    for (let i = 0; i < 10; i++) a.observeRequest('customers.list', 200, 3);
    for (let i = 0; i < 10; i++) b.observeRequest('customers.get', 404, 40);
    for (let i = 0; i < 2; i++) b.observeRequest('customers.get', 503, 700);
    await a.flush(minute);
    await b.flush(minute);
    expect((await sampleOf('a:1', minute)) ?? null).toBeNull(); // other service
    const rows = await sql<{ instance: string; requests: number; latencySuccess: number[] }>`
      select instance, requests, latency_success from ops.signal_samples where service = 'billing-api' and resolution_minutes = 1 order by instance`.execute(app.db);
    expect(rows.rows).toEqual([
      { instance: 'a:1', requests: 10, latencySuccess: buckets({ 0: 10 }) },
      { instance: 'b:1', requests: 12, latencySuccess: buckets({ 3: 10 }) },
    ]);

    const result = await builtinSignalSource(app.db).query({ service: 'billing-api', range: '1h' }, new Date(atMinute(minute, 30)));
    expect(result.points).toHaveLength(60);
    const last = result.points[59]!;
    expect(last.at).toBe(new Date(atMinute(minute)).toISOString());
    expect(last.requestsPerSecond).toBeCloseTo(22 / 60, 10);
    expect(last.errorRatio).toBeCloseTo(2 / 22, 10);
    // By hand: 20 successes, 10 in (0, 5] and 10 in (25, 50]. p50's rank 10 ends the
    // first bucket: 5. p95's rank 19 is the 9th of 10 in (25, 50]: 25 + 25 × 9/10.
    expect(last.latencySuccessMs).toEqual({ p50: 5, p95: 47.5, p99: 49.5 });
    // Two failures in (500, 1000]: ranks 1, 1.9 and 1.98 of 2.
    expect(last.latencyFailureMs).toEqual({ p50: 750, p95: 975, p99: 995 });
    expect(result.points[58]).toMatchObject({ requestsPerSecond: 0, errorRatio: null, latencySuccessMs: null });
    expect(result.totals).toMatchObject({ requests: 22, errors: 2, latencySuccessMs: { p50: 5, p95: 47.5, p99: 49.5 } });
    expect(await builtinSignalSource(app.db).listServices()).toEqual(['billing-api', 'opsdesk']);

    // Long ranges read the hourly rows written beside the minutes: the same sums.
    const week = await builtinSignalSource(app.db).query({ service: 'billing-api', range: '7d' }, new Date(atMinute(minute, 30)));
    expect(week.stepSeconds).toBe(3600);
    expect(week.points.at(-1)).toMatchObject({ at: new Date(atMinute(MINUTE)).toISOString(), requestsPerSecond: 22 / 3600, latencySuccessMs: { p50: 5, p95: 47.5, p99: 49.5 } });
    expect(week.totals).toMatchObject({ requests: 22, errors: 2, latencyFailureMs: { p50: 750, p95: 975, p99: 995 } });
  });

  it('stop() writes what was counted, the current minute included', async () => {
    const minute = MINUTE + 30;
    const stopping = createSignalCollector({ db: app.db, instance: 'd:1', service: 'shutdowns', now: () => atMinute(minute, 20) });
    stopping.start();
    stopping.observeRequest('auth.me', 200, 3);
    await stopping.stop();
    const { rows } = await sql<{ minute: Date; requests: number }>`select minute, requests from ops.signal_samples where service = 'shutdowns' and resolution_minutes = 1`.execute(app.db);
    expect(rows).toEqual([{ minute: new Date(atMinute(minute)), requests: 1 }]);
  });

  it('a minute written twice by one instance (flushed on shutdown, restarted) is added to, not duplicated', async () => {
    const minute = MINUTE + 20;
    const first = createSignalCollector({ db: app.db, instance: 'c:1', service: 'restarts', now: () => atMinute(minute, 1) });
    first.observeRequest('auth.me', 200, 3);
    first.observeTrpcError('BAD_REQUEST');
    await first.flush(minute);
    const second = createSignalCollector({ db: app.db, instance: 'c:1', service: 'restarts', now: () => atMinute(minute, 50) });
    second.observeRequest('auth.me', 200, 7);
    second.observeRequest('/webhooks/stripe', 500, 3);
    second.observeTrpcError('BAD_REQUEST');
    await second.flush(minute);
    const { rows } = await sql<{ requests: number; errors: number; latencySuccess: number[]; latencyFailure: number[]; errorsByCode: string }>`
      select requests, errors, latency_success, latency_failure, errors_by_code::text as errors_by_code from ops.signal_samples where service = 'restarts' and resolution_minutes = 1`.execute(app.db);
    expect(rows.map((row) => ({ ...row, errorsByCode: JSON.parse(row.errorsByCode) }))).toEqual([
      { requests: 3, errors: 1, latencySuccess: buckets({ 0: 1, 1: 1 }), latencyFailure: buckets({ 0: 1 }), errorsByCode: { BAD_REQUEST: 2, http_5xx: 1 } },
    ]);
  });
});

import { writeFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../http/createApp.js';
import { sessionCookieName } from '../../../http/sessionCookie.js';
import { createMetrics } from '../../../observability/metrics.js';
import { freePort } from '../../../testing/freePort.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { opsdeskSliQueries } from '../../slo/opsdeskSliQueries.js';
import { builtinSignalSource } from '../builtinSignalSource.js';
import { createSignalCollector, type SignalCollector } from '../signalCollector.js';
import { createPrometheusClient, type PrometheusClient } from './prometheusClient.js';
import { sliEventCounts } from './sliEventCounts.js';
import { pollUntil, startTestPrometheus, type TestPrometheus } from './testPrometheus.js';

/**
 * A real Prometheus (1 s scrapes) scraping a test Opsdesk's /metrics over HTTP, and the
 * same Opsdesk's built-in collector: after a known burst of successful, refused (401)
 * and failing (500) calls, both sources report the same traffic and errors.
 */
const BURST = { ok: 7, unauthorized: 3, failed: 4 };
// One of each before the burst, so every series exists before it (rate() needs a first sample).
const WARM_UP = { ok: 1, unauthorized: 1, failed: 1 };
const REQUESTS = BURST.ok + BURST.unauthorized + BURST.failed + WARM_UP.ok + WARM_UP.unauthorized + WARM_UP.failed;
const ERRORS = BURST.failed + WARM_UP.failed;

describe('the Prometheus signals source, against a real Prometheus', () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  let prometheus: TestPrometheus;
  let client: PrometheusClient;
  let collector: SignalCollector;
  let cookie: string;
  const servicesFile = path.join(tmpdir(), `opsdesk-signal-services-${randomBytes(4).toString('hex')}.json`);

  /** Raw counter of the calls this test makes, as Prometheus last scraped it (independent of the source's PromQL). */
  const scrapedCalls = async () => (await client.query('sum(opsdesk_http_request_duration_seconds_count{procedure=~"auth.me|audit.find"})', new Date()))[0]?.samples[0]?.value ?? 0;

  async function calls(counts: typeof BURST) {
    const get = (procedure: string, withCookie: boolean) => fetch(`${base}/trpc/${procedure}?input=${encodeURIComponent('{}')}`, { headers: withCookie ? { cookie } : {} });
    const statuses: number[] = [];
    for (let i = 0; i < counts.ok; i += 1) statuses.push((await get('auth.me', true)).status);
    for (let i = 0; i < counts.unauthorized; i += 1) statuses.push((await get('auth.me', false)).status);
    // A genuine failure, as in sentry.test.ts: the table the procedure reads is gone.
    await app.database.superuserQuery('alter table ops.audit_log rename to audit_log_moved');
    try {
      for (let i = 0; i < counts.failed; i += 1) statuses.push((await get('audit.find', true)).status);
    } finally {
      await app.database.superuserQuery('alter table ops.audit_log_moved rename to audit_log');
    }
    return statuses;
  }

  beforeAll(async () => {
    const prometheusPort = await freePort();
    writeFileSync(
      servicesFile,
      JSON.stringify({
        services: [
          {
            name: 'prometheus',
            requestsRate: 'sum(rate(prometheus_http_requests_total[{{.window}}]))',
            errorsRate: 'sum(rate(prometheus_http_requests_total{code=~"5.."}[{{.window}}])) or vector(0)',
            latencyBuckets: 'prometheus_http_request_duration_seconds_bucket',
            saturation: 'max(process_open_fds{job="prometheus"} / process_max_fds{job="prometheus"})',
          },
        ],
      }),
    );
    app = await createTestApp({ PROMETHEUS_URL: `http://127.0.0.1:${prometheusPort}`, SIGNAL_SERVICES_FILE: servicesFile });
    collector = createSignalCollector({ db: app.db, instance: 'test:0' });
    server = createApp(app.deps, { metrics: createMetrics(), signals: collector, webDistDir: '/nonexistent' }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const appPort = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${appPort}`;
    prometheus = await startTestPrometheus({ port: prometheusPort, targets: { opsdesk: `127.0.0.1:${appPort}`, prometheus: `127.0.0.1:${prometheusPort}` } });
    client = createPrometheusClient({ url: prometheus.url, timeoutMs: 5_000 });

    const admin = await app.createStaff(['admin']);
    cookie = `${sessionCookieName(false)}=${await app.openSession(admin.id)}`;
    expect(await calls(WARM_UP)).toEqual([200, 401, 500]);
    await pollUntil(async () => ((await scrapedCalls()) === 3 ? true : undefined), 'Prometheus scraped the warm-up calls');
    const statuses = await calls(BURST);
    expect(statuses.filter((s) => s === 200)).toHaveLength(BURST.ok);
    expect(statuses.filter((s) => s === 401)).toHaveLength(BURST.unauthorized);
    expect(statuses.filter((s) => s === 500)).toHaveLength(BURST.failed);
    // Within one scrape interval of the burst, Prometheus holds it all.
    await pollUntil(async () => ((await scrapedCalls()) === REQUESTS ? true : undefined), 'Prometheus scraped the burst');
    await collector.flush(Math.floor(Date.now() / 60_000));
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await app?.close();
    rmSync(servicesFile, { force: true });
  });

  it('agrees with the built-in source on traffic and errors, and reads latency and saturation', async () => {
    const { api } = await app.callerAs(['oncall']);
    const fromPrometheus = await api.signals.query({ service: 'opsdesk', range: '1h' });
    const builtin = await builtinSignalSource(app.db).query({ service: 'opsdesk', range: '1h' });
    expect(fromPrometheus).toMatchObject({ source: 'prometheus', service: 'opsdesk', stepSeconds: 60, from: builtin.from, to: builtin.to });
    expect(builtin.totals).toMatchObject({ requests: REQUESTS, errors: ERRORS });
    expect(fromPrometheus.totals).toMatchObject({ requests: builtin.totals.requests, errors: builtin.totals.errors, errorsByCode: builtin.totals.errorsByCode });
    expect(fromPrometheus.totals.errorsByCode).toEqual([
      { code: 'INTERNAL_SERVER_ERROR', count: ERRORS },
      { code: 'UNAUTHORIZED', count: BURST.unauthorized + WARM_UP.unauthorized },
    ]);
    // The chart's steps add up to the same counts (each step is exact, not extrapolated).
    expect(fromPrometheus.points).toHaveLength(60);
    const perStep = (result: typeof builtin) => result.points.reduce((sum, point) => sum + point.requestsPerSecond * result.stepSeconds, 0);
    expect(Math.round(perStep(fromPrometheus))).toBe(REQUESTS);
    expect(Math.round(perStep(builtin))).toBe(REQUESTS);
    expect(fromPrometheus.points.some((point) => point.errorRatio !== null && point.errorRatio > 0)).toBe(true);

    for (const latency of [fromPrometheus.totals.latencySuccessMs, fromPrometheus.totals.latencyFailureMs]) {
      expect(latency).not.toBeNull();
      expect(latency!.p50).toBeGreaterThan(0);
      expect(latency!.p50).toBeLessThanOrEqual(latency!.p95);
      expect(latency!.p95).toBeLessThanOrEqual(latency!.p99);
      expect(latency!.p99).toBeLessThanOrEqual(10_000);
    }
    const saturated = fromPrometheus.points.findLast((point) => point.saturation.rssBytes !== null);
    expect(saturated?.saturation.rssBytes).toBeGreaterThan(1_000_000);
    expect(saturated?.saturation.poolInUseRatio).toBeGreaterThanOrEqual(0);
    expect(saturated?.saturation.poolInUseRatio).toBeLessThanOrEqual(1);
    expect(saturated?.saturation.postgresConnectionsRatio).toBeGreaterThan(0);
    expect(saturated?.saturation.postgresConnectionsRatio).toBeLessThanOrEqual(1);
    expect(saturated?.saturation.eventLoopLagP99Ms).toBeGreaterThan(0);
  });

  it('lists and answers a declared company service from its own PromQL', async () => {
    const { api } = await app.callerAs(['support']);
    expect(await api.signals.services()).toEqual(['opsdesk', 'prometheus']);
    // Prometheus's own request counter moves only between two of its scrapes of itself:
    // wait for a window that holds requests (on a busy machine the first query can precede it).
    const result = await pollUntil(async () => {
      const answer = await api.signals.query({ service: 'prometheus', range: '1h' });
      return answer.totals.requests > 0 ? answer : undefined;
    }, 'Prometheus counted requests to itself');
    expect(result).toMatchObject({ source: 'prometheus', service: 'prometheus', totals: { errors: 0, errorsByCode: [], latencyFailureMs: null } });
    expect(result.totals.requests).toBeGreaterThan(0);
    expect(result.totals.latencySuccessMs).not.toBeNull();
    const ratio = result.points.findLast((point) => point.saturation.ratio != null)?.saturation.ratio;
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(1);
    await expect(api.signals.query({ service: 'checkout', range: '1h' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts an SLI’s valid and bad events over a window from its PromQL templates', async () => {
    const availability = opsdeskSliQueries({ service: 'opsdesk', name: 'api-availability', description: '', sli: { kind: 'availability' }, objectivePercent: 99.5, windowDays: 7, minValidRequests: 1 });
    const endsAt = new Date();
    const counts = await sliEventCounts(client, availability, { seconds: 300, endsAt });
    // rate() × window is Prometheus's own increase() over the window, extrapolated as it does
    // (by how much depends on where the scrapes fell, up to ~2× for a burst seconds old): equal
    // to it, and never below what the burst added after the warm-up's first samples.
    const increase = async (selector: string) => (await client.query(`sum(increase(opsdesk_http_request_duration_seconds_count{${selector}}[300s]))`, endsAt))[0]?.samples[0]?.value ?? 0;
    const api = 'procedure!~"static|/healthz|/readyz|/metrics"';
    expect(counts.valid).toBeCloseTo(await increase(api), 6);
    expect(counts.bad).toBeCloseTo(await increase(`${api},status=~"5.."`), 6);
    const burstRequests = BURST.ok + BURST.unauthorized + BURST.failed;
    expect(counts.valid).toBeGreaterThanOrEqual(burstRequests);
    expect(counts.bad).toBeGreaterThanOrEqual(BURST.failed);
    expect(counts.good).toBeCloseTo(counts.valid - counts.bad, 9);
    expect(Math.abs(counts.bad / counts.valid - BURST.failed / burstRequests)).toBeLessThan(0.1);
    // A window before anything happened reads zero events, not an error.
    expect(await sliEventCounts(client, availability, { seconds: 60, endsAt: new Date(Date.now() - 3_600_000) })).toEqual({ valid: 0, bad: 0, good: 0 });
  });
});

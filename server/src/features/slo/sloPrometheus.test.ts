import type { SloStatusView } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/freePort.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import type { TSignalServiceDefinition } from '../signals/prometheus/signalServices.schemas.js';
import { pollUntil, startTestPrometheus, type TestPrometheus } from '../signals/prometheus/testPrometheus.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { configureSloPrometheus, sloPrometheus } from './sloPrometheus.js';

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

const MINUTE = 60_000;

/**
 * SLOs of a service declared for Prometheus, evaluated through a real Prometheus that
 * scrapes itself: the declared service is Prometheus's own HTTP API
 * (prometheus_http_requests_total, prometheus_http_request_duration_seconds, whose
 * buckets are 0.1, 0.2, 0.4, 1, 3, … s). "Errors" of the burning SLO are its 200s, so it
 * burns its budget at once and its page alerts fire.
 */
describe('SLOs of Prometheus-declared services', () => {
  let app: TestApp;
  let api: Api;
  let prometheus: TestPrometheus;
  let healthy: string;
  let burning: string;
  let latency: string;
  let builtin: string;
  // Windows end at the start of a minute: evaluating "one minute ahead" puts the samples Prometheus has so far inside every window.
  const nextMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE + MINUTE;
  let minute = nextMinute();
  const statusOf = async (id: string) => (await api.slo.get({ id })).status as SloStatusView;
  const service = (name: string, errors: string): TSignalServiceDefinition => ({
    name,
    requestsRate: 'sum(rate(prometheus_http_requests_total[{{.window}}]))',
    errorsRate: `sum(rate(prometheus_http_requests_total{${errors}}[{{.window}}])) or vector(0)`,
    latencyBuckets: 'prometheus_http_request_duration_seconds_bucket{}',
  });

  beforeAll(async () => {
    const port = await freePort();
    prometheus = await startTestPrometheus({ port, targets: { self: `127.0.0.1:${port}` } });
    configureSloPrometheus({ PROMETHEUS_URL: prometheus.url, PROMETHEUS_TIMEOUT_MS: 2_000, signalServices: [service('promapi', 'code=~"5.."'), service('promburn', 'code="200"')] });
    app = await createTestApp();
    api = (await app.callerAs(['oncall'])).api;
    const base = { description: '', objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 1 };
    healthy = (await api.slo.create({ definition: { ...base, service: 'promapi', name: 'availability', sli: { kind: 'availability' } }, runbook: null, notify: false })).id;
    burning = (await api.slo.create({ definition: { ...base, service: 'promburn', name: 'availability', sli: { kind: 'availability' } }, runbook: null, notify: false })).id;
    builtin = (await api.slo.create({ definition: { ...base, service: 'shop', name: 'availability', sli: { kind: 'availability' } }, runbook: null, notify: false })).id;
    // The bucket series exist once Prometheus has scraped itself; the threshold is checked against them.
    latency = await pollUntil(
      () => api.slo.create({ definition: { ...base, service: 'promapi', name: 'latency', objectivePercent: 90, sli: { kind: 'latency', thresholdMs: 400 } }, runbook: null, notify: false }).then((s) => s.id),
      'latency SLO accepted',
    );
  }, 40_000);
  afterAll(async () => {
    configureSloPrometheus({ PROMETHEUS_TIMEOUT_MS: 5_000, signalServices: [] });
    await app?.close();
    await prometheus?.stop();
  });

  it('refuses a latency threshold that is not a bucket bound of the service, naming the bounds', async () => {
    const create = api.slo.create({
      definition: { description: '', objectivePercent: 99, windowDays: 7, minValidRequests: 1, service: 'promapi', name: 'latency-300', sli: { kind: 'latency', thresholdMs: 300 } },
      runbook: null,
      notify: false,
    });
    await expect(create).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(create).rejects.toThrow(/promapi's histogram bucket bounds: 100, 200, 400, 1000/);
  });

  it('evaluates them from Prometheus, with the shared arithmetic and alerting, and says so', async () => {
    const evaluated = await pollUntil(async () => {
      minute = nextMinute();
      await evaluateAllSlos(app.db, new Date(minute), { prometheus: sloPrometheus() });
      const [a, b, c] = await Promise.all([statusOf(healthy), statusOf(burning), statusOf(latency)]);
      return a.valid > 0 && b.alerts.some((x) => x.state === 'firing') && c.valid > 0 ? { a, b, c } : undefined;
    }, 'SLOs evaluated with data from Prometheus');
    expect(evaluated.a).toMatchObject({ at: new Date(minute).toISOString(), enoughData: true });
    expect([evaluated.a.error, evaluated.b.error, evaluated.c.error]).toEqual([undefined, undefined, undefined]);
    expect(evaluated.a.good).toBeLessThanOrEqual(evaluated.a.valid);
    expect(evaluated.a.sli).toBeGreaterThan(0.9); // its own API answers 200s
    expect(evaluated.b.sli).toBeLessThan(0.5); // "errors" are its 200s
    expect(evaluated.b.alerts.find((x) => x.rule === 'page-1h')).toMatchObject({ state: 'firing' });
    expect(evaluated.c.good).toBeGreaterThan(0); // scrapes answer well under 400 ms
    const summaries = await api.slo.list();
    expect(Object.fromEntries(summaries.map((s) => [s.id, s.source]))).toMatchObject({ [healthy]: 'prometheus', [burning]: 'prometheus', [latency]: 'prometheus', [builtin]: 'builtin' });
    expect((await api.slo.alerts({ sloId: burning })).events.filter((e) => e.state === 'firing').length).toBeGreaterThan(0);
  });

  it('with Prometheus stopped, completes the pass, records the error and flips no alert', async () => {
    const firingBefore = (await statusOf(burning)).alerts.filter((x) => x.state === 'firing').map((x) => x.rule);
    const eventsBefore = (await api.slo.alerts({ sloId: burning })).events.length;
    await prometheus.stop();
    minute += MINUTE;
    await evaluateAllSlos(app.db, new Date(minute), { prometheus: sloPrometheus() });
    const after = await statusOf(burning);
    expect(after.error).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:\d+ did not answer: ECONNREFUSED/);
    expect(after.alerts.filter((x) => x.state === 'firing').map((x) => x.rule)).toEqual(firingBefore);
    expect((await api.slo.alerts({ sloId: burning })).events.length).toBe(eventsBefore);
    expect((await statusOf(healthy)).error).toMatch(/did not answer/);
    // The built-in SLO was evaluated in the same pass.
    expect((await statusOf(builtin)).at).toBe(new Date(minute).toISOString());
  });
});

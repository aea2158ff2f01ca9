import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SloStatusView } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_BOUND_MS, within } from '../../testing/bounded.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { insertSignalSamples, type SignalSampleRow } from '../signals/signalSamples.queries.js';
import { pollUntil } from '../signals/prometheus/testPrometheus.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { sloPrometheusFrom, type SloPrometheus } from './sloPrometheus.js';
import { minuteRow } from './sloSamples.testing.js';

type Api = Awaited<ReturnType<TestApp['callerAs']>>['api'];

const MINUTE = 60_000;
/** Prometheus's own timeout here: the longest one declared SLO's read may take. */
const TIMEOUT_MS = HANG_BOUND_MS;
const DECLARED = ['cart', 'checkout', 'ledger', 'payments', 'search'];
/** Valid and bad events over 8 windows (the 7 burn windows and the SLO's). */
const QUERIES_PER_SLO = 16;

/**
 * A Prometheus that accepts every query and never answers (a local HTTP server), with
 * five declared SLOs beside Opsdesk's own: Opsdesk's SLO is stored and its page recorded
 * while the declared SLOs' queries are still open, the reads go four SLOs at a time, the
 * job's abort ends them, and the pass's bound ends them when nothing else does.
 */
describe('the SLO pass with a Prometheus that never answers', () => {
  let app: TestApp;
  let api: Api;
  let silent: Server;
  let prometheus: SloPrometheus;
  let own: string;
  const declared: string[] = [];
  const open = new Set<ServerResponse>();
  let asked = 0;
  let mostOpen = 0;
  const waiters: (() => void)[] = [];
  const changed = () => waiters.forEach((check) => check());
  /** Resolves once the server's requests satisfy `condition`, re-checked at each request and each closed one. */
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => condition() && resolve();
      waiters.push(check);
      check();
    });
  const at = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
  const statusOf = async (id: string) => (await api.slo.get({ id })).status as SloStatusView | null;

  beforeAll(async () => {
    silent = createServer((_req, res) => {
      asked += 1;
      open.add(res);
      mostOpen = Math.max(mostOpen, open.size);
      res.on('close', () => {
        open.delete(res);
        changed();
      });
      changed();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const service = (name: string) => ({
      name,
      requestsRate: `sum(rate(http_requests_total{job="${name}"}[{{.window}}]))`,
      errorsRate: `sum(rate(http_requests_total{job="${name}",code=~"5.."}[{{.window}}])) or vector(0)`,
      latencyBuckets: `http_request_duration_seconds_bucket{job="${name}"}`,
    });
    prometheus = sloPrometheusFrom({ PROMETHEUS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, PROMETHEUS_TIMEOUT_MS: TIMEOUT_MS, signalServices: DECLARED.map(service) })!;

    app = await createTestApp();
    api = (await app.callerAs(['oncall'])).api;
    const base = { description: '', objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 100, sli: { kind: 'availability' as const } };
    own = (await api.slo.create({ definition: { ...base, service: 'shop', name: 'availability' }, runbook: null, notify: true })).id;
    for (const name of DECLARED) declared.push((await api.slo.create({ definition: { ...base, service: name, name: 'availability' }, runbook: null, notify: true })).id);
    // An hour of traffic whose last 10 minutes fail 60 %: Opsdesk's own page-1h fires.
    const rows: SignalSampleRow[] = [];
    for (let m = 60; m > 0; m -= 1) rows.push(minuteRow('shop', at.getTime() - m * MINUTE, 1000, m <= 10 ? 600 : 0));
    await insertSignalSamples(app.db, rows);
  });
  afterAll(async () => {
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
    await app?.close();
  });

  it("stores Opsdesk's own SLO and records its page while the declared SLOs' queries are still open", async () => {
    const job = new AbortController();
    const pass = evaluateAllSlos(app.db, at, { prometheus, signal: job.signal, webhookConfigured: false });
    pass.catch(() => undefined);

    // Bounded by one read's timeout: a pass that waits for Prometheus before writing has written nothing by then.
    const status = await pollUntil(
      async () => {
        const stored = await statusOf(own);
        return stored?.at === at.toISOString() ? stored : undefined;
      },
      "Opsdesk's own SLO stored",
      TIMEOUT_MS,
    );
    expect(open.size).toBeGreaterThan(0);
    expect(status.alerts.find((a) => a.rule === 'page-1h')).toMatchObject({ state: 'firing' });
    expect((await api.slo.activeAlerts()).filter((a) => a.sloId === own).map((a) => a.rule)).toContain('page-1h');

    // Four SLOs at once, never more: not one SLO after another.
    await within(until(() => asked >= 4 * QUERIES_PER_SLO), 'the first four SLOs asked');
    expect(mostOpen).toBe(4 * QUERIES_PER_SLO);

    // The job's timeout: the pass stops waiting, closes its queries and writes no declared SLO.
    job.abort(new Error('slo.evaluate ran past its timeout'));
    await expect(pass).rejects.toThrow('slo.evaluate ran past its timeout');
    await within(until(() => open.size === 0), 'the queries closed');
    expect(asked).toBe(4 * QUERIES_PER_SLO);
    for (const id of declared) expect(await statusOf(id)).toBeNull();
  });

  it('gives up on Prometheus after the pass bound, storing the reason on every declared SLO', async () => {
    const next = new Date(at.getTime() + MINUTE);
    const result = await evaluateAllSlos(app.db, next, { prometheus, prometheusBoundMs: 200, webhookConfigured: false });
    expect(result).toMatchObject({ slos: 3 + DECLARED.length, unreadable: DECLARED.length });
    const errors = await Promise.all(declared.map(async (id) => (await statusOf(id))!));
    for (const status of errors) expect(status).toMatchObject({ at: next.toISOString(), alerts: expect.any(Array) });
    // Four were being asked when the bound passed; the fifth was never asked.
    expect(errors.map((s) => s.error).sort()).toEqual([
      ...new Array(4).fill(expect.stringMatching(/^Prometheus at http:\/\/127\.0\.0\.1:\d+ did not answer: the evaluation pass stopped waiting after 200 ms$/)),
      expect.stringMatching(/^Prometheus at http:\/\/127\.0\.0\.1:\d+ was not asked: the evaluation pass stopped waiting after 200 ms$/),
    ]);
    expect((await statusOf(own))!.at).toBe(next.toISOString());
    await within(until(() => open.size === 0), 'the queries closed');
  });
});

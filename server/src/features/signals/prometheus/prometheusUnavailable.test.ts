import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../testing/freePort.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { opsdeskSliQueries } from '../../slo/opsdeskSliQueries.js';
import { createPrometheusClient, PrometheusError } from './prometheusClient.js';
import { sliEventCounts } from './sliEventCounts.js';

/**
 * Prometheus down, silent or answering something else: the Signals page gets a 502 that
 * names Prometheus and says what happened, never a 500. The "bad" Prometheus is a local
 * HTTP server answering each path as the test sets it.
 */
describe('the Prometheus signals source when Prometheus fails', () => {
  let nothingListens: number;
  let impostor: Server;
  let impostorUrl: string;
  let answer: (res: import('node:http').ServerResponse) => void = (res) => res.end();
  const authorizations = new Set<string | undefined>();
  const apps: TestApp[] = [];

  beforeAll(async () => {
    nothingListens = await freePort();
    impostor = createServer((req, res) => {
      authorizations.add(req.headers.authorization);
      answer(res);
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => impostor.once('listening', resolve));
    impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    impostor?.closeAllConnections();
    await new Promise((resolve) => impostor.close(resolve));
    for (const app of apps) await app.close();
  });

  async function oncallWith(env: Record<string, string>) {
    const app = await createTestApp(env);
    apps.push(app);
    return (await app.callerAs(['oncall'])).api;
  }

  it('answers BAD_GATEWAY naming Prometheus (never its credentials) when nothing listens, and still lists the services', async () => {
    const api = await oncallWith({ PROMETHEUS_URL: `http://scraper:s3cret-password@127.0.0.1:${nothingListens}` });
    const failure = api.signals.query({ service: 'opsdesk', range: '1h' });
    await expect(failure).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
    await expect(failure).rejects.toThrow(new RegExp(`^Prometheus at http://127\\.0\\.0\\.1:${nothingListens} did not answer: ECONNREFUSED`));
    await expect(failure).rejects.not.toThrow(/s3cret/);
    expect(await api.signals.services()).toEqual(['opsdesk']);
  });

  it('answers BAD_GATEWAY for a page that is not its API, an unexpected shape, a refused query and a timeout', async () => {
    // Credentials in the URL travel as basic auth, never in what the message names.
    const api = await oncallWith({ PROMETHEUS_URL: `${impostorUrl.replace('//', '//scraper:s3cret-password@')}/`, PROMETHEUS_TIMEOUT_MS: '300' });
    const cases: [(res: import('node:http').ServerResponse) => void, RegExp][] = [
      [(res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Grafana</html>'), /answered HTTP 200 with something that is not its JSON API/],
      [(res) => res.writeHead(200).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: 'nope' } })), /answered with data of an unexpected shape/],
      [(res) => res.writeHead(200).end(JSON.stringify({ hello: 'world' })), /answered HTTP 200 in an unexpected shape/],
      [(res) => res.writeHead(400).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' })), /refused the query \(bad_data\): parse error at char 3/],
      [() => undefined, /did not answer: no answer within 300 ms/],
    ];
    for (const [behaviour, message] of cases) {
      answer = behaviour;
      const failure = api.signals.query({ service: 'opsdesk', range: '6h' });
      await expect(failure).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
      await expect(failure).rejects.toThrow(message);
      // The URL's trailing slash is not doubled in what the message names.
      await expect(failure).rejects.toThrow(`Prometheus at ${impostorUrl} `);
      await expect(failure).rejects.not.toThrow(/s3cret/);
    }
    expect([...authorizations]).toEqual([`Basic ${Buffer.from('scraper:s3cret-password').toString('base64')}`]);
    answer = (res) => res.end();
  });

  it('throws PrometheusError from the SLI event counts, for the evaluator to record', async () => {
    const client = createPrometheusClient({ url: `http://127.0.0.1:${nothingListens}`, timeoutMs: 1_000 });
    const templates = opsdeskSliQueries({ service: 'opsdesk', name: 'api-availability', description: '', sli: { kind: 'availability' }, objectivePercent: 99.5, windowDays: 7, minValidRequests: 1 });
    await expect(sliEventCounts(client, templates, { seconds: 300, endsAt: new Date() })).rejects.toBeInstanceOf(PrometheusError);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/config.js';

/** SIGNAL_SERVICES_FILE is read and checked at start: a mistake stops the server with the file, the field and why. */
describe('the declared services file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-signal-services-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const checkout = {
    name: 'checkout',
    requestsRate: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
    errorsRate: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}])) or vector(0)',
    latencyBuckets: 'http_request_duration_seconds_bucket{job="checkout"}',
  };
  const withFile = (contents: string, env: Record<string, string> = { PROMETHEUS_URL: 'http://prometheus:9090' }) => {
    const file = path.join(dir, `services-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, contents);
    return () => loadConfig({ NODE_ENV: 'test', SIGNAL_SERVICES_FILE: file, ...env });
  };

  it('reads the declared services; without the setting there are none', () => {
    const config = withFile(JSON.stringify({ services: [checkout, { ...checkout, name: 'search-api', saturation: 'max(search_queue_fill_ratio)', failureLatencyBuckets: 'http_request_duration_seconds_bucket{job="search",code=~"5.."}' }] }))();
    expect(config.signalServices.map((service) => service.name)).toEqual(['checkout', 'search-api']);
    expect(config.signalServices[1]).toMatchObject({ saturation: 'max(search_queue_fill_ratio)' });
    expect(loadConfig({ NODE_ENV: 'test' }).signalServices).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test', PROMETHEUS_URL: 'http://prometheus:9090' })).toMatchObject({ PROMETHEUS_URL: 'http://prometheus:9090', PROMETHEUS_TIMEOUT_MS: 5000 });
  });

  it('refuses a bad file with the file, the field and the reason', () => {
    const refusals: [string, RegExp][] = [
      ['{ "services": [', /is not JSON/],
      [JSON.stringify({ services: [{ ...checkout, name: 'Checkout!' }] }), /services\.0\.name: Unknown service/],
      [JSON.stringify({ services: [{ ...checkout, name: 'opsdesk' }] }), /services\.0\.name: opsdesk is Opsdesk itself/],
      [JSON.stringify({ services: [{ ...checkout, requestsRate: 'sum(rate(http_requests_total[5m]))' }] }), /services\.0\.requestsRate: must contain \{\{\.window\}\}/],
      [JSON.stringify({ services: [{ ...checkout, latencyBuckets: 'histogram_quantile(0.9, x)' }] }), /services\.0\.latencyBuckets: must be a selector of a histogram's _bucket series/],
      [JSON.stringify({ services: [{ ...checkout, extra: 1 }] }), /services\.0: Unrecognized key/],
      [JSON.stringify({ services: [checkout, checkout] }), /services: service names must be unique/],
      [JSON.stringify([checkout]), /\(file\): /],
    ];
    for (const [contents, reason] of refusals) {
      const load = withFile(contents);
      expect(load).toThrow(/^Invalid configuration:\n {2}SIGNAL_SERVICES_FILE: \/.+\.json: /);
      expect(load).toThrow(reason);
    }
    expect(() => loadConfig({ NODE_ENV: 'test', PROMETHEUS_URL: 'http://x:9090', SIGNAL_SERVICES_FILE: path.join(dir, 'missing.json') })).toThrow(/missing\.json: cannot be read \(ENOENT\)/);
  });

  it('needs PROMETHEUS_URL beside it, and an http(s) URL', () => {
    expect(withFile(JSON.stringify({ services: [checkout] }), {})).toThrow(/SIGNAL_SERVICES_FILE: SIGNAL_SERVICES_FILE is read through Prometheus: set PROMETHEUS_URL too/);
    expect(() => loadConfig({ NODE_ENV: 'test', PROMETHEUS_URL: 'ftp://prometheus' })).toThrow(/PROMETHEUS_URL: an http\(s\) URL/);
    expect(() => loadConfig({ NODE_ENV: 'test', PROMETHEUS_URL: 'http://prometheus:9090', PROMETHEUS_TIMEOUT_MS: '5' })).toThrow(/PROMETHEUS_TIMEOUT_MS/);
  });
});

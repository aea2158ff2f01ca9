import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import * as Sentry from '@sentry/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/testApp.js';
import { initServerSentry } from './sentry.js';

/** A stand-in Sentry ingest: a real HTTP listener collecting envelopes. */
async function startIngest() {
  const envelopes: string[] = [];
  let notify: () => void = () => {};
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
      res.writeHead(200).end('{}');
      notify();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/42`,
    nextEvent: (match: string) =>
      new Promise<string>((resolve) => {
        const check = () => {
          const found = envelopes.find((e) => e.includes(match));
          if (found) resolve(found);
        };
        notify = check;
        check();
      }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('server error reporting', () => {
  let app: TestApp;
  let ingest: Awaited<ReturnType<typeof startIngest>>;
  beforeEach(async () => {
    ingest = await startIngest();
    app = await createTestApp();
    expect(initServerSentry({ dsn: ingest.dsn, release: 'opsdesk@test-release', environment: 'test' })).toBe(true);
  });
  afterEach(async () => {
    await Sentry.close();
    await app.close();
    await ingest.close();
  });

  it('is off without a DSN', () => {
    expect(initServerSentry({ dsn: undefined, release: 'x', environment: 'test' })).toBe(false);
  });

  it('sends an unexpected server error with the release tag and without cookies or authorization', async () => {
    const base = await app.listen();
    const admin = await app.createStaff(['admin']);
    const login = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' }, body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // A genuine failure: the table the procedure reads is gone.
    await app.database.superuserQuery('alter table ops.audit_log rename to audit_log_moved');

    const response = await fetch(`${base}/trpc/audit.find?input=${encodeURIComponent('{}')}`, { headers: { cookie, authorization: 'Bearer secret-bearer-token' } });
    expect(response.status).toBe(500);
    const envelope = await ingest.nextEvent('audit_log');
    expect(envelope).toContain('"release":"opsdesk@test-release"');
    expect(envelope).toContain('"procedure":"audit.find"');
    // Request headers are reported (so the scrubbing is what keeps secrets out)…
    expect(envelope).toMatch(/"request":\{"headers":\{"host":/);
    expect(envelope).toContain('relation \\"ops.audit_log\\" does not exist');
    // …but never the session cookie or the bearer token.
    expect(envelope).not.toContain(cookie.split('=')[1]);
    expect(envelope).not.toContain('secret-bearer-token');
  });
});

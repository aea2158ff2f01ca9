import { request } from 'node:http';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/testApp.js';
import { migrateReferenceProductSchema } from '../features/demo/appSchema/migrateReferenceProductSchema.js';
import { isLoopbackAddress } from './metricsAccess.js';

const json = { 'content-type': 'application/json' };
const withCsrf = { ...json, 'x-opsdesk-csrf': '1' };

/** A POST with a Host header of the caller's choosing (fetch always sends the real one). */
function postWithHost(url: string, host: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const call = request({ hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers, host } }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    call.on('error', reject);
    call.end(body);
  });
}

/** Largest audit row on disk, in bytes. */
async function largestAuditRow(app: TestApp): Promise<number> {
  const { rows } = await sql<{ largest: number | null }>`select max(pg_column_size(a.*))::int as largest from ops.audit_log a`.execute(app.db);
  return rows[0]?.largest ?? 0;
}

describe('HTTP surface', () => {
  let app: TestApp;
  let base: string;
  const logLines: string[] = [];
  beforeEach(async () => {
    app = await createTestApp();
    logLines.length = 0;
    app.deps.logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
    base = await app.listen();
  });
  afterEach(() => app.close());

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: withCsrf, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0]!;
  }

  it('rejects mutations without the CSRF header or from a foreign origin', async () => {
    const body = JSON.stringify({ email: 'a@example.test', password: 'x' });
    const noHeader = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: json, body });
    expect(noHeader.status).toBe(403);
    expect(await noHeader.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
    const foreign = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { ...withCsrf, origin: 'https://evil.example' }, body });
    expect(foreign.status).toBe(403);
    const sameOrigin = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { ...withCsrf, origin: base }, body });
    expect(sameOrigin.status).toBe(401);
  });

  it('takes the allowed Origin from configuration, never from the Host header the client sends', async () => {
    const body = JSON.stringify({ email: 'a@example.test', password: 'x' });
    const forged = await postWithHost(`${base}/trpc/auth.login`, 'evil.example', { ...withCsrf, origin: 'http://evil.example' }, body);
    expect(forged).toBe(403);
    const port = new URL(base).port;
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      expect(await postWithHost(`${base}/trpc/auth.login`, 'evil.example', { ...withCsrf, origin }, body)).toBe(401);
    }
    expect(await postWithHost(`${base}/trpc/auth.login`, `127.0.0.1:${port}`, { ...withCsrf, origin: `http://127.0.0.1:${Number(port) + 1}` }, body)).toBe(403);
  });

  it('refuses a body over the limit with 413 and stores nothing big, also from a caller already rate-limited', async () => {
    const staff = await app.createStaff(['support']);
    const padded = (bytes: number, password = 'wrong password') => JSON.stringify({ email: staff.email, password, padding: 'x'.repeat(bytes) });
    const huge = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: withCsrf, body: padded(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE' } } });

    for (let i = 0; i < 5; i++) await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: withCsrf, body: JSON.stringify({ email: staff.email, password: 'nope' }) });
    for (const bytes of [200 * 1024, 3 * 1024 * 1024]) {
      const limited = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: withCsrf, body: padded(bytes) });
      expect([400, 413, 429]).toContain(limited.status);
    }
    expect(await largestAuditRow(app)).toBeLessThan(4 * 1024);
  });

  it('refuses a tRPC batch larger than TRPC_MAX_BATCH_SIZE, and an oversized webhook body with 413, never 500', async () => {
    const batch = (size: number) =>
      fetch(`${base}/trpc/${Array(size).fill('auth.login').join(',')}?batch=1`, {
        method: 'POST',
        headers: withCsrf,
        body: JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { email: `nobody-${i}@example.test`, password: 'x' }]))),
      });
    const tooMany = await batch(11);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('Batch call exceeds maximum size');
    expect((await batch(10)).status).not.toBe(400);

    const webhook = await fetch(`${base}/webhooks/stripe`, { method: 'POST', headers: { ...json, 'stripe-signature': 't=1,v1=x' }, body: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(webhook.status).toBe(413);
    expect(await webhook.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('marks procedure answers and the customer export as not cacheable', async () => {
    const admin = await app.createStaff(['admin']);
    const cookie = await signIn(admin.email);
    for (const response of [
      await fetch(`${base}/trpc/auth.me`, { headers: { cookie } }),
      await fetch(`${base}/trpc/auth.me`),
      await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: withCsrf, body: JSON.stringify({ email: admin.email, password: 'nope' }) }),
      await fetch(`${base}/api/customers/export.csv`),
    ]) {
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
    }
  });

  it('answers /metrics to a local scraper only: not through a proxy, and never judged by X-Forwarded-For', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: { forwarded: 'for=127.0.0.1' } })).status).toBe(403);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['192.0.2.10', '::ffff:10.0.0.1', '', undefined].some(isLoopbackAddress)).toBe(false);
  });

  it('answers /metrics to the bearer of METRICS_TOKEN only, when one is set', async () => {
    const token = 'metrics-token-for-the-test-0123456789';
    const guarded = await createTestApp({ METRICS_TOKEN: token });
    try {
      const url = `${await guarded.listen()}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: token } })).status).toBe(401);
      const allowed = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('opsdesk_db_pool_max');
    } finally {
      await guarded.close();
    }
  });

  it('answers 401 without a session and 403 for the wrong role', async () => {
    expect((await fetch(`${base}/trpc/staff.find?input=${encodeURIComponent('{}')}`)).status).toBe(401);
    const support = await app.createStaff(['support']);
    const cookie = await signIn(support.email);
    expect((await fetch(`${base}/trpc/staff.find?input=${encodeURIComponent('{}')}`, { headers: { cookie } })).status).toBe(403);
  });

  it('answers malformed input with 400, the field and the message — never 500', async () => {
    const admin = await app.createStaff(['admin']);
    const cookie = await signIn(admin.email);
    const response = await fetch(`${base}/trpc/staff.create`, { method: 'POST', headers: { ...withCsrf, cookie }, body: JSON.stringify({ email: 'nope', name: 'X', roles: ['wizard'], password: 'long enough password' }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; data: { fieldErrors: Record<string, string>; stack?: string } } };
    expect(body.error.message).toContain('email: Enter a valid email address');
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['email', 'roles.0']);
    expect(body.error.data.stack).toBeUndefined();

    const garbage = await fetch(`${base}/trpc/staff.create`, { method: 'POST', headers: { ...withCsrf, cookie }, body: '{not json' });
    expect(garbage.status).toBe(400);
  });

  it('sets security headers', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('reports health, readiness and Prometheus metrics by procedure and status', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    await fetch(`${base}/trpc/auth.me`);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/opsdesk_http_request_duration_seconds_count\{[^}]*procedure="auth.me"[^}]*status="401"[^}]*\} 1/);
    expect(metrics).toContain('opsdesk_process_cpu_user_seconds_total');
  });

  it('is not ready while migrations are pending', async () => {
    await app.database.superuserQuery(`delete from public.opsdesk_migrations`);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ reason: 'migrations pending', pending: expect.arrayContaining(['0001_ops_foundation']) });
  });

  it('tags every request with an id and keeps credentials out of the logs', async () => {
    const response = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { ...withCsrf, cookie: 'opsdesk_session=super-secret-cookie', authorization: 'Bearer super-secret-token', 'x-request-id': 'req-under-test' },
      body: JSON.stringify({ email: 'x@example.test', password: 'super-secret-password' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-under-test');
    const logged = logLines.join('\n');
    expect(logged).toContain('req-under-test');
    expect(logged).not.toMatch(/super-secret/);
    const row = await app.db.selectFrom('ops.auditLog').select(['requestId', 'input']).where('action', '=', 'staff.logged_in').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ requestId: 'req-under-test', input: { password: '[redacted]' } });
  });

  it('logs one short line per request with the procedure and status, and no input, headers or query: a search for a customer leaves their email out of the log', async () => {
    await migrateReferenceProductSchema(app.db);
    const support = await app.createStaff(['support']);
    const cookie = await signIn(support.email);
    const input = encodeURIComponent(JSON.stringify({ q: 'jane.searched@example.test' }));
    const response = await fetch(`${base}/trpc/lookup.search?input=${input}`, { headers: { ...withCsrf, cookie, 'x-request-id': 'req-search', 'user-agent': 'agent-under-test' } });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(logLines.join('\n')).toContain('req-search'));
    const line = logLines.map((l) => JSON.parse(l) as { req?: Record<string, unknown>; res?: Record<string, unknown>; responseTime?: number }).find((l) => l.req?.id === 'req-search')!;
    expect(line.req).toEqual({ id: 'req-search', method: 'GET', path: '/trpc/lookup.search', remoteAddress: expect.any(String) });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(line.responseTime).toEqual(expect.any(Number));
    const logged = logLines.join('\n');
    expect(logged).not.toContain('jane.searched');
    expect(logged).not.toContain('agent-under-test');
  });

  it('logs routine successes (health, signed webhooks) at debug, refusals at warn, the rest at info', async () => {
    const payload = JSON.stringify({ id: 'evt_log_level', object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_log_level', object: 'customer', created: 1 } } });
    const signature = app.deps.stripe.webhooks.generateTestHeaderString({ payload, secret: app.deps.stripeWebhookSecret });
    const requests = [
      { id: 'req-ready', url: '/readyz', init: {}, status: 200 },
      { id: 'req-webhook', url: '/webhooks/stripe', init: { method: 'POST', headers: { ...json, 'stripe-signature': signature }, body: payload }, status: 200 },
      { id: 'req-forged', url: '/webhooks/stripe', init: { method: 'POST', headers: { ...json, 'stripe-signature': 't=1,v1=x' }, body: payload }, status: 400 },
      { id: 'req-config', url: '/api/config', init: {}, status: 200 },
    ];
    for (const r of requests) {
      const response = await fetch(`${base}${r.url}`, { ...r.init, headers: { ...(r.init as { headers?: Record<string, string> }).headers, 'x-request-id': r.id } });
      expect(response.status, r.url).toBe(r.status);
    }
    // Lines are written when a response finishes; the last request's line comes last.
    await vi.waitFor(() => expect(logLines.join('\n')).toContain('req-config'));
    const levelOf = (id: string) => logLines.map((line) => JSON.parse(line) as { level: number; req?: { id?: string } }).find((line) => line.req?.id === id)?.level;
    expect(levelOf('req-ready')).toBeUndefined(); // debug: below the logger's info level
    expect(levelOf('req-webhook')).toBeUndefined();
    // Webhooks are answered ahead of the request logger: a forged one is logged by the route itself, at warn.
    expect(levelOf('req-forged')).toBeUndefined();
    expect(logLines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.msg === 'stripe webhook refused: bad signature').map((line) => line.level)).toEqual([40]);
    expect(levelOf('req-config')).toBe(30);
  });
});

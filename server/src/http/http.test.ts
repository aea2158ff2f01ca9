import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/testApp.js';

const json = { 'content-type': 'application/json' };
const withCsrf = { ...json, 'x-opsdesk-csrf': '1' };

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
});

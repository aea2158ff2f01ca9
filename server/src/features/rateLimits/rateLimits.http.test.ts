import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { rateLimitsFor } from './rateLimits.service.js';

/**
 * The named limits over real HTTP, in memory and (when REDIS_URL is set, as in CI) in
 * Redis: a refusal is a 429 with Retry-After and the JSON body, counted in /metrics.
 */
const storages: Array<[string, Record<string, string>]> = [['memory', {}]];
if (process.env.REDIS_URL) storages.push(['redis', { REDIS_URL: process.env.REDIS_URL }]);

const asStaff = (token: string | null): Record<string, string> => (token ? { cookie: `opsdesk_session=${token}` } : {});

describe.each(storages)('named rate limits over HTTP (%s)', (_storage, env) => {
  let app: TestApp;
  let url: string;
  const me = (token: string | null) => fetch(`${url}/trpc/auth.me`, { headers: asStaff(token) });

  beforeAll(async () => {
    app = await createTestApp({ ...env, RATE_LIMIT_STAFF_API: '5/60', RATE_LIMIT_WEBHOOKS: '3/60' });
    await migrateReferenceProductSchema(app.db); // the customer export reads the product's users
    url = await app.listen({ connectWebhooks: false });
  });
  afterAll(() => app?.close());

  it('staffApi: the sixth request of a staff member in the window is a 429 with Retry-After and a JSON body, counted in /metrics', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    for (let i = 0; i < 5; i++) expect((await me(sessionToken)).status).toBe(200);
    const refused = await me(sessionToken);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // At most two windows: the count slides out of the next window too (slidingWindow.ts).
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(await refused.json()).toEqual({ error: { code: 'RATE_LIMITED', limit: 'staffApi', retryAfterSeconds: retryAfter, message: expect.stringContaining(`${retryAfter} second`) } });

    // Per staff member: another one on the same address has its own allowance, as has the address signed out.
    const other = await app.callerAs(['support']);
    expect((await me(other.sessionToken)).status).toBe(200);
    expect((await me(null)).status).toBe(401);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^opsdesk_rate_limit_blocks_total\{limit="staffApi"\} 1$/m);
  });

  it('staffApi: the downloads beside the procedures spend the same budget — the CSV export is refused once it is used up', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const exportCsv = () => fetch(`${url}/api/customers/export.csv`, { headers: asStaff(sessionToken) });
    const first = await exportCsv();
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(/^user_id,email,/);
    for (let i = 0; i < 4; i++) expect((await me(sessionToken)).status).toBe(200);
    const refused = await exportCsv();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED', limit: 'staffApi' } });
  });

  it('staffApi: signed out, callers are counted per IP, and a made-up session cookie does not buy a fresh allowance', async () => {
    await rateLimitsFor(app.deps).unblock('staffApi', 'ip:127.0.0.1'); // the test above spent one
    const statuses: number[] = [];
    // Anonymous calls from 127.0.0.1, half with cookies that are no session at all.
    for (let i = 0; i < 6; i++) statuses.push((await me(i % 2 === 0 ? null : `made-up-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('webhooks: POST /webhooks/stripe is limited per IP before the signature is even read', async () => {
    const post = () => fetch(`${url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post()).status);
    expect(statuses.slice(0, 3).every((status) => status === 400)).toBe(true);
    expect(statuses[3]).toBe(429);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^opsdesk_rate_limit_blocks_total\{limit="webhooks"\} 1$/m);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { generateCustomers } from '../../bench/generateCustomers.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { csvField } from '../../http/csvField.js';
import { parseCsv } from '../../testing/parseCsv.js';

describe('GET /api/customers/export.csv', () => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    await generateCustomers(app.db, { users: 4999 });
    await sql`insert into app.users (email, name, country) values ('quote@example.test', ${'Smith, "Jr" =1+1\nsecond line'}, 'IE')`.execute(app.db);
    url = await app.listen({ connectWebhooks: false });
  }, 120_000);
  afterAll(() => app.close());

  const get = (path: string, token?: string) => fetch(`${url}${path}`, { headers: token ? { cookie: `opsdesk_session=${token}` } : {} });

  it('streams every matching row as well-formed CSV, and audits the export', async () => {
    const { sessionToken, staff } = await app.callerAs(['finance']);
    const response = await get('/api/customers/export.csv', sessionToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(['user_id', 'email', 'name', 'status', 'plan', 'country', 'signup_at', 'stripe_customer_ids', 'workspaces']);
    expect(rows).toHaveLength(5001);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(5000);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(rows.find((r) => r[1] === 'quote@example.test')?.[2]).toBe('Smith, "Jr" =1+1\nsecond line');

    const audit = await auditRows(app, 'customers.exported');
    expect(audit.map((row) => [row.actorId, row.result])).toEqual([[staff.id, 'success']]);
    expect(audit[0]!.input).toEqual({ filter: {}, sort: 'signup_desc' });
  });

  it('applies the filter', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const filter = encodeURIComponent(JSON.stringify({ country: 'IE' }));
    const rows = parseCsv(await (await get(`/api/customers/export.csv?filter=${filter}&sort=email_asc`, sessionToken)).text());
    expect(rows.slice(1).map((r) => r[1])).toEqual(['quote@example.test']);
  });

  it('exports in the list’s order: highest MRR first, every row once', async () => {
    const support = await app.callerAs(['support']);
    const rows = parseCsv(await (await get('/api/customers/export.csv?sort=mrr_desc', support.sessionToken)).text()).slice(1);
    expect(new Set(rows.map((r) => r[0])).size).toBe(5000);
    const firstPage = await support.api.lookup.list({ sort: 'mrr_desc', limit: 200 });
    expect(rows.slice(0, 200).map((r) => r[0])).toEqual(firstPage.rows.map((r) => r.userId));
    expect(firstPage.rows[0]!.mrr).toBeGreaterThan(firstPage.rows[199]!.mrr);
  });

  it('refuses without a session (401), without customers.export (403) and a bad filter (400)', async () => {
    expect((await get('/api/customers/export.csv')).status).toBe(401);
    expect((await get('/api/customers/export.csv', 'not-a-token')).status).toBe(401);
    const moderator = await app.callerAs(['moderator']);
    expect((await get('/api/customers/export.csv', moderator.sessionToken)).status).toBe(403);
    const support = await app.callerAs(['support']);
    expect((await get(`/api/customers/export.csv?filter=${encodeURIComponent('{"status":"sleeping"}')}`, support.sessionToken)).status).toBe(400);
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('plain')).toBe('plain');
  });
});

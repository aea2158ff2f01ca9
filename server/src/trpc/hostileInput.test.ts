import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, prepareCustomerTests, type TestCustomer } from '../features/customers/testing/customerFixtures.js';
import { DeepValue, QUERY_MAX_DEPTH, toJsonText } from '../testing/hostileValues.js';
import { createTestApp, type TestApp } from '../testing/testApp.js';
import { translateError } from './translateErrors.js';

/**
 * Issue 7, finding 8: inputs the schemas used to accept and PostgreSQL refused answered
 * 500 and echoed the database's message. One case per kind, over HTTP; each answered 500
 * on the old code.
 */
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const POSTGRES_TEXT = /invalid byte sequence|unsupported Unicode|out of range for type|invalid input syntax|does not exist|stack depth|canceling statement|relation "/i;

function client(url: string, sessionToken: string | null) {
  const headers = { 'content-type': 'application/json', 'x-opsdesk-csrf': '1', ...(sessionToken && { cookie: `opsdesk_session=${sessionToken}` }) };
  const answer = async (response: Response) => ({ status: response.status, headers: response.headers, text: await response.text() });
  return {
    query: async (path: string, input: unknown) => answer(await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(toJsonText(input)!)}`, { headers })),
    mutate: async (path: string, input: unknown) => answer(await fetch(`${url}/trpc/${path}`, { method: 'POST', headers, body: toJsonText(input) })),
    get: async (pathAndQuery: string) => answer(await fetch(`${url}${pathAndQuery}`, { headers })),
  };
}

describe('hostile input is a 400 with a clear message, never a 500', () => {
  let app: TestApp;
  let url: string;
  let customer: TestCustomer;
  let as: (roles: Parameters<TestApp['callerAs']>[0]) => Promise<ReturnType<typeof client>>;

  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen();
    const catalog = await prepareCustomerTests(app);
    customer = await createCustomer(app, { price: catalog.pro });
    as = async (roles) => client(url, (await app.callerAs(roles)).sessionToken);
  }, 60_000);
  afterAll(() => app.close());

  it('NUL in the lookup search: 400 naming the field', async () => {
    const support = await as(['support']);
    const answer = await support.query('lookup.search', { q: 'ada\u0000lovelace' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error.message).toBe('q: must not contain control characters');
  });

  it('a lone surrogate in a staff action: 400, and nothing stored nor done at Stripe', async () => {
    const finance = await as(['finance']);
    const countRows = async () => ({
      requests: (await app.db.selectFrom('ops.actionRequests').select('id').execute()).length,
      audit: (await app.db.selectFrom('ops.auditLog').select('id').where('action', '=', 'customer.credited').execute()).length,
    });
    const before = await countRows();
    const credit = { stripeCustomerId: customer.stripeCustomerId, amount: 500, currency: 'usd', reason: 'goodwill credit' };

    const extraKey = await finance.mutate('customers.credit', { ...credit, ['note\uD800']: 'x' });
    expect(extraKey.status).toBe(400);
    expect(JSON.parse(extraKey.text).error.message).toMatch(/^unknown field "note\\ud800" \(not accepted\)$/);
    const inReason = await finance.mutate('customers.credit', { ...credit, reason: 'goodwill \uDC00 credit' });
    expect(inReason.status).toBe(400);
    expect(JSON.parse(inReason.text).error.message).toBe('reason: must not contain invalid Unicode (a lone surrogate)');

    expect(await countRows()).toEqual(before);
    const stripeCustomer = await app.deps.stripe.customers.retrieve(customer.stripeCustomerId!);
    expect((stripeCustomer as { balance: number }).balance).toBe(0);
  });

  it('5,000 levels of nesting: 400, and no audit row', async () => {
    const support = await as(['support']);
    const auditBefore = (await app.db.selectFrom('ops.auditLog').select('id').execute()).length;
    const answer = await support.mutate('lookup.saveFilter', { name: 'deep', filter: {}, options: new DeepValue(5000, 'object') });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error.message).toBe('unknown field "options" (not accepted)');
    const inField = await support.mutate('lookup.saveFilter', { name: 'deep', filter: new DeepValue(5000, 'object') });
    expect(inField.status).toBe(400);
    expect((await app.db.selectFrom('ops.auditLog').select('id').execute()).length).toBe(auditBefore);
  });

  it('malformed page cursors: 400 (not a cursor, a year no database takes, a key or id that is not one)', async () => {
    const support = await as(['support']);
    const someUuid = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    const answers = [
      await support.query('lookup.list', { cursor: 'not-a-cursor' }),
      await support.query('lookup.list', { cursor: cursorOf(['signup_desc', '2024-01-01 00:00:00+00', 'not-a-uuid']) }),
      await support.query('lookup.list', { cursor: cursorOf(['signup_desc', '275760-09-13 00:00:00+00', someUuid]) }),
      await support.query('lookup.list', { sort: 'email_asc', cursor: cursorOf(['email_asc', 'a\u0000b', someUuid]) }),
      await support.query('customers.timeline', { userId: customer.userId, cursor: 'not-a-cursor' }),
      await support.query('customers.timeline', { userId: customer.userId, cursor: cursorOf(['+275760-09-13T00:00:00.000Z', 'audit:1']) }),
      await support.query('customers.timeline', { userId: customer.userId, cursor: cursorOf(['1', 'audit:1']) }),
      await support.query('customers.timeline', { userId: customer.userId, cursor: cursorOf(['2024-01-01T00:00:00.000000Z', 'stripe:\u0000']) }),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(400);
      expect(JSON.parse(answer.text).error.message).toMatch(/^cursor: /);
    }
  });

  it('dates outside 1970–9999: 400', async () => {
    const support = await as(['support']);
    for (const signupFrom of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00']) {
      const answer = await support.query('lookup.list', { filter: { signupFrom } });
      expect(answer.status, signupFrom).toBe(400);
      expect(JSON.parse(answer.text).error.message).toBe('filter.signupFrom: must be a date between 1970 and 9999');
    }
  });

  it('ids beyond bigint: 400', async () => {
    const admin = await as(['admin']);
    const cursor = await admin.query('audit.find', { cursor: '9223372036854775808' });
    expect(cursor.status).toBe(400);
    expect(JSON.parse(cursor.text).error.message).toBe('cursor: This page link is not valid; start from the first page.');
    const get = await admin.query('audit.get', { id: '99999999999999999999' });
    expect(get.status).toBe(400);
    expect((await admin.query('audit.get', { id: '9223372036854775807' })).status).toBe(404);
  });

  it('the CSV export answers hostile query strings with 400 and JSON', async () => {
    const support = await as(['support']);
    const filters = [JSON.stringify({ plan: 'pro\u0000' }), JSON.stringify({ plan: 'pro', extra: 1 }), toJsonText(new DeepValue(QUERY_MAX_DEPTH, 'object'))!, '{not json', JSON.stringify({ signupFrom: '0000-01-01T00:00:00Z' })];
    for (const filter of filters) {
      const answer = await support.get(`/api/customers/export.csv?filter=${encodeURIComponent(filter)}`);
      expect(answer.status, filter.slice(0, 40)).toBe(400);
      expect(answer.text).not.toMatch(POSTGRES_TEXT);
    }
    expect((await support.get('/api/customers/export.csv?sort=email_asc&sort=signup_desc')).status).toBe(400);
  });
});

describe('unexpected errors: a generic message with the request id, never the database’s', () => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen();
  });
  afterAll(() => app.close());

  it('a failing query answers 500 with the request id and without the PostgreSQL message', async () => {
    const support = client(url, (await app.callerAs(['support'])).sessionToken);
    await app.database.superuserQuery('alter table ops.saved_filters rename to saved_filters_elsewhere');
    try {
      const answer = await support.query('lookup.savedFilters', undefined);
      expect(answer.status).toBe(500);
      const requestId = answer.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      expect(JSON.parse(answer.text).error.message).toBe(`Something went wrong on our side. Request id: ${requestId}`);
      expect(answer.text).not.toMatch(POSTGRES_TEXT);
      expect(answer.text).not.toContain('saved_filters');
    } finally {
      await app.database.superuserQuery('alter table ops.saved_filters_elsewhere rename to saved_filters');
    }
  });

  it('the CSV export fails the same way: JSON with the request id, not a page with the stack', async () => {
    // This app has no product schema (app.users): the export's first query fails.
    const support = client(url, (await app.callerAs(['support'])).sessionToken);
    const answer = await support.get('/api/customers/export.csv');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text).error.message).toBe(`Something went wrong on our side. Request id: ${answer.headers.get('x-request-id')}`);
    expect(answer.text).not.toMatch(POSTGRES_TEXT);
  });

  it('a statement the database cancels for taking too long answers 503 with Retry-After', async () => {
    const support = client(url, (await app.callerAs(['support'])).sessionToken);
    const database = new URL(app.database.url).pathname.slice(1);
    const locker = new pg.Client({ connectionString: app.database.url });
    await locker.connect();
    try {
      // New connections of the app get a short statement timeout; the ones it holds are replaced.
      await locker.query(`alter database ${database} set statement_timeout = '300ms'`);
      const { rows } = await locker.query<{ pid: number }>(
        `select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      // pg_terminate_backend only signals: wait until those backends are gone, so the pool has dropped them and the
      // request below meets the timeout, not a connection closed under it (a 503 too, but not this test's point).
      const terminated = rows.map((row) => row.pid);
      await expect
        .poll(async () => (await locker.query('select count(*)::int as n from pg_stat_activity where pid = any($1)', [terminated])).rows[0].n, { timeout: 30_000 })
        .toBe(0);
      await locker.query('begin');
      await locker.query('lock table ops.saved_filters in access exclusive mode');
      const answer = await support.query('lookup.savedFilters', undefined);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(JSON.parse(answer.text).error).toMatchObject({ message: 'The service is busy right now. Try again in a few seconds.', data: { retryAfterSeconds: 5 } });
      expect(answer.text).not.toMatch(POSTGRES_TEXT);
    } finally {
      await locker.query('rollback');
      await locker.query(`alter database ${database} reset statement_timeout`);
      await locker.end();
    }
  });

  describe('translateError on real PostgreSQL and pool errors', () => {
    async function errorOf(run: () => Promise<unknown>): Promise<TRPCError> {
      try {
        await run();
      } catch (cause) {
        return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause });
      }
      throw new Error('expected the statement to fail');
    }
    const query = (text: string, values: unknown[] = []) => errorOf(() => app.database.superuserQuery(text, values));

    it.each([
      ['NUL in a parameter (22021)', 'select $1::text', ['a\u0000b'], /cannot be stored/],
      ['NUL escaped into jsonb (22P05)', `select $1::jsonb`, ['"a\\u0000b"'], /cannot be stored/],
      ['a lone surrogate escaped into jsonb', `select $1::jsonb`, ['"\\ud800"'], /malformed or out of range/],
      ['not a uuid (22P02)', `select $1::uuid`, ['not-a-uuid'], /malformed or out of range/],
      ['beyond bigint (22003)', `select $1::bigint`, ['9223372036854775808'], /malformed or out of range/],
      ['a year PostgreSQL has not (22008)', `select $1::timestamptz`, ['0000-01-01T00:00:00Z'], /malformed or out of range/],
      ['nesting deeper than its stack (54001)', `select $1::jsonb`, ['['.repeat(100_000) + ']'.repeat(100_000)], /nested too deeply/],
    ])('%s is a 400 with a readable message', async (_name, text, values, message) => {
      const translated = translateError(await query(text, values), 'req-1');
      expect(translated.code).toBe('BAD_REQUEST');
      expect(translated.message).toMatch(message);
      expect(translated.message).not.toMatch(POSTGRES_TEXT);
    });

    it('a statement timeout (57014) and a pool with no free connection are 503', async () => {
      const timeout = await errorOf(() =>
        app.db.transaction().execute(async (trx) => {
          await sql`set local statement_timeout = '10ms'`.execute(trx);
          await sql`select pg_sleep(1)`.execute(trx);
        }),
      );
      expect(translateError(timeout, 'req-2')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', cause: { retryAfterSeconds: 5 } });

      // The one connection may take seconds to open on a busy machine; only the wait for a second one is meant to
      // time out. pg-pool reads the limit at each call, so it is shortened once the connection is held.
      const pool = new pg.Pool({ connectionString: app.database.url, max: 1, connectionTimeoutMillis: 30_000 });
      const held = await pool.connect();
      pool.options.connectionTimeoutMillis = 50;
      try {
        const exhausted = await errorOf(() => pool.query('select 1'));
        expect(exhausted.cause?.message).toBe('timeout exceeded when trying to connect');
        expect(translateError(exhausted, 'req-3').code).toBe('SERVICE_UNAVAILABLE');
      } finally {
        held.release();
        await pool.end();
      }
    });

    it('a connection the database closes under a query (restart, failover) is 503: the next try gets a new one', async () => {
      const client = new pg.Client({ connectionString: app.database.url });
      await client.connect();
      client.on('error', () => undefined);
      try {
        const [{ pid }] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
        const closed = errorOf(() => client.query('select pg_sleep(30)'));
        await app.database.superuserQuery('select pg_terminate_backend($1)', [pid]);
        const translated = translateError(await closed, 'req-7');
        expect(translated).toMatchObject({ code: 'SERVICE_UNAVAILABLE', cause: { retryAfterSeconds: 5 } });
      } finally {
        await client.end().catch(() => undefined);
      }
    });

    it('anything else is a generic 500 naming the request; errors thrown on purpose pass unchanged', async () => {
      const missing = translateError(await query('select * from no_such_table'), 'req-4');
      expect(missing).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Request id: req-4' });
      const deliberate = new TRPCError({ code: 'NOT_FOUND', message: 'No customer with that id.' });
      expect(translateError(deliberate, 'req-5')).toBe(deliberate);
      // A 500 with its own message (an effect happened but was not recorded) keeps it, whatever its cause.
      const stillUnrecorded = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'This was carried out, but recording its outcome failed; do not repeat it.', cause: missing.cause });
      expect(translateError(stillUnrecorded, 'req-6')).toBe(stillUnrecorded);
    });
  });
});

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { poolStats } from '../db/database.js';
import { openDatabase } from '../db/openDatabase.js';
import { HANG_BOUND_MS, within } from '../testing/bounded.js';
import { createTestDatabase } from '../testing/testDatabase.js';
import { createTestApp, type TestApp } from '../testing/testApp.js';

/**
 * The pool cannot be starved: a request uses one connection at a time, waits a bounded
 * time for one (then 503), and /readyz says when the pool is exhausted. Every wait here
 * is bounded so that a regression fails with a message instead of hanging the suite.
 */
const withCsrf = { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' };
const FLOOD_BOUND_MS = 40_000;

async function answer(url: string, init: RequestInit = {}, boundMs = HANG_BOUND_MS): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(boundMs) });
  } catch (error) {
    throw new Error(`${init.method ?? 'GET'} ${url} got no answer within ${boundMs / 1000} s (${(error as Error).message}): the server is hanging`);
  }
}

/** Keeps `count` pooled connections in open transactions until the returned function is called. */
async function holdConnections(app: TestApp, count: number): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const entered: Promise<void>[] = [];
  const transactions = Array.from({ length: count }, () => {
    let enter!: () => void;
    entered.push(new Promise((resolve) => (enter = resolve)));
    return app.db.transaction().execute(async () => {
      enter();
      await released;
    });
  });
  await within(Promise.all(entered), `holding ${count} connections`);
  return async () => {
    release();
    await Promise.all(transactions);
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + HANG_BOUND_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${HANG_BOUND_MS / 1000} s`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const idleInTransaction = async (app: TestApp) =>
  (await sql<{ count: number }>`select count(*)::int as count from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`.execute(app.db)).rows[0]!.count;

describe('database pool under pressure', () => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it('keeps answering /readyz and signed-in staff while it rejects a flood of sign-ins', async () => {
    // TRUST_PROXY lets the flood come from many client IPs (X-Forwarded-For from loopback).
    app = await createTestApp({ DB_POOL_MAX: '4', TRUST_PROXY: 'loopback' });
    const base = await app.listen();
    const victim = await app.createStaff(['support']);
    const { sessionToken } = await app.callerAs(['admin']);
    // The flood itself may queue for argon2's worker threads; only the bystanders are bounded tightly.
    const login = (ip: string, body: unknown, path = 'auth.login') =>
      answer(`${base}/trpc/${path}`, { method: 'POST', headers: { ...withCsrf, 'x-forwarded-for': ip }, body: JSON.stringify(body) }, FLOOD_BOUND_MS);
    const batchOf = (size: number, ip: string) =>
      login(ip, Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { email: victim.email, password: `batched ${i}` }])), `${Array(size).fill('auth.login').join(',')}?batch=1`);

    const flood = [
      // One IP hammering one account: the lock-out path, which used to take a second connection.
      ...Array.from({ length: 180 }, (_, i) => login('203.0.113.1', { email: victim.email, password: `wrong ${i}` })),
      // Many IPs, many unknown accounts: nothing throttles these, each is looked up and its
      // password checked (argon2, ~0.2 s of CPU each) — five times the pool, none holding a connection meanwhile.
      ...Array.from({ length: 20 }, (_, i) => login(`198.51.100.${i}`, { email: `nobody-${i}@example.test`, password: 'wrong' })),
      // Batched: 50 requests of 10 sign-ins each.
      ...Array.from({ length: 50 }, (_, i) => batchOf(10, `192.0.2.${i}`)),
    ];
    const floodAnswered = Promise.allSettled(flood);
    const oversizedBatch = batchOf(30, '192.0.2.200');

    const bystanders = async () => {
      const [ready, me] = await Promise.all([answer(`${base}/readyz`), answer(`${base}/trpc/auth.me`, { headers: { cookie: `opsdesk_session=${sessionToken}` } })]);
      expect(ready.status).toBe(200);
      expect(me.status).toBe(200);
    };
    await bystanders();
    expect((await oversizedBatch).status).toBe(400);

    const settled = await floodAnswered;
    const hung = settled.find((outcome) => outcome.status === 'rejected');
    if (hung) throw hung.reason;
    await bystanders();
    const responses = settled.map((outcome) => (outcome as PromiseFulfilledResult<Response>).value);
    const codes = (await Promise.all(responses.map((r) => r.json()))).flatMap((body: unknown) => (Array.isArray(body) ? body : [body]).map((item: { error?: { data?: { code?: string } } }) => item.error?.data?.code));
    // Refused as wrong, as rate-limited, or (password checks queue full) as busy — never anything else.
    expect(codes.filter((code) => !['UNAUTHORIZED', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE'].includes(code!))).toEqual([]);
    expect(codes).toContain('UNAUTHORIZED');
    expect(codes).toContain('TOO_MANY_REQUESTS');

    expect(await idleInTransaction(app)).toBe(0);
    expect(poolStats(app.db)).toMatchObject({ waiting: 0 });
  }, 60_000);

  it('reports not ready while every connection stays busy for the whole readiness wait, and ready again after', async () => {
    app = await createTestApp({ DB_POOL_MAX: '2', DB_ACQUIRE_TIMEOUT_MS: '30000' });
    const base = await app.listen();
    const release = await holdConnections(app, 2);
    const queued = sql`select 1`.execute(app.db);
    await until(() => poolStats(app!.db)!.waiting > 0, 'a query queueing for a connection');

    const exhausted = await answer(`${base}/readyz`);
    expect(exhausted.status).toBe(503);
    expect(await exhausted.json()).toMatchObject({ status: 'not_ready', reason: 'database pool exhausted' });
    await release();
    await queued;
    expect((await answer(`${base}/readyz`)).status).toBe(200);
  });

  it('answers 503 with Retry-After when no connection comes free in time, instead of waiting', async () => {
    app = await createTestApp({ DB_POOL_MAX: '2', DB_ACQUIRE_TIMEOUT_MS: '200' });
    const base = await app.listen();
    const { sessionToken } = await app.callerAs(['admin']);
    const me = () => answer(`${base}/trpc/auth.me`, { headers: { cookie: `opsdesk_session=${sessionToken}` } });
    const release = await holdConnections(app, 2);
    try {
      const busy = await me();
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      expect((await answer(`${base}/readyz`)).status).toBe(503);
    } finally {
      await release();
    }
    expect((await me()).status).toBe(200);
  });

  it('gives the server’s connections the configured pool size and server-side timeouts', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, DB_POOL_MAX: '3', DB_STATEMENT_TIMEOUT_MS: '1500', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2500' });
    const opened = await openDatabase(config, () => undefined);
    try {
      const setting = async (name: string) => (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(opened.db)).rows[0]!.value;
      expect(await setting('statement_timeout')).toBe('1500ms');
      expect(await setting('idle_in_transaction_session_timeout')).toBe('2500ms');
      expect(poolStats(opened.db)).toMatchObject({ max: 3 });
    } finally {
      await opened.close();
      await database.drop();
    }
  });
});

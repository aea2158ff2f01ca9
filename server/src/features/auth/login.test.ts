import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settledCount, within } from '../../testing/bounded.js';
import { holdLock } from '../../testing/lockBarrier.js';
import { auditRows, createTestApp, recordingResponse, TEST_PASSWORD, type TestApp } from '../../testing/testApp.js';

describe('sign-in', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  it('opens a session for the right password and audits it', async () => {
    const staff = await app.createStaff(['support']);
    const response = recordingResponse();
    const result = await app.caller({ response }).auth.login({ email: staff.email.toUpperCase(), password: TEST_PASSWORD });
    expect(result).toMatchObject({ status: 'ok', staff: { id: staff.id, roles: ['support'] } });
    expect(response.sessionToken).toMatch(/^[\w-]{43}$/);

    const me = await app.caller({ sessionToken: response.sessionToken }).auth.me();
    expect(me.email).toBe(staff.email);
    const [row] = await auditRows(app, 'staff.logged_in');
    expect(row).toMatchObject({ actorId: staff.id, result: 'success', targetId: staff.id, input: { email: staff.email.toUpperCase(), password: '[redacted]' } });
  });

  it('refuses a wrong password with the same message as an unknown email, and audits the failure', async () => {
    const staff = await app.createStaff(['support']);
    await expect(app.caller().auth.login({ email: staff.email, password: 'wrong password' })).rejects.toThrow('Wrong email or password.');
    await expect(app.caller().auth.login({ email: 'nobody@example.test', password: 'wrong password' })).rejects.toThrow('Wrong email or password.');
    const rows = await auditRows(app, 'staff.logged_in');
    expect(rows.map((r) => r.result)).toEqual(['failure', 'failure']);
    expect(rows[0]!.actorId).toBe(staff.id);
  });

  it('refuses disabled staff', async () => {
    const staff = await app.createStaff(['support']);
    await app.db.updateTable('ops.staff').set({ status: 'disabled' }).where('id', '=', staff.id).execute();
    await expect(app.caller().auth.login({ email: staff.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('locks an account for 15 minutes on the fifth failure in a minute, audits the lock-out, and refuses even the right password', async () => {
    const staff = await app.createStaff(['support']);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(app.caller({ ip: `10.0.0.${attempt}` }).auth.login({ email: staff.email, password: 'nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const response = recordingResponse();
    const fifth = app.caller({ ip: '10.0.0.5', response }).auth.login({ email: staff.email, password: 'nope' });
    await expect(fifth).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-in attempts. Try again in 15 minutes.' });
    expect(response.headers['retry-after']).toBe('900');

    await expect(app.caller({ ip: '10.0.0.6' }).auth.login({ email: staff.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const lockouts = await auditRows(app, 'staff.locked_out');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ actorId: staff.id, targetId: staff.id, ip: '10.0.0.5' });
  });

  it('locks an IP that fails against many accounts, without locking those accounts elsewhere', async () => {
    const victims = await Promise.all([1, 2, 3, 4, 5].map(() => app.createStaff(['support'])));
    const attempts = victims.map((victim) => app.caller({ ip: '203.0.113.9' }).auth.login({ email: victim.email, password: 'nope' }).catch((e: TRPCError) => e.code));
    const codes = [];
    for (const attempt of attempts) codes.push(await attempt);
    expect(codes).toContain('TOO_MANY_REQUESTS');
    await expect(app.caller({ ip: '203.0.113.9' }).auth.login({ email: victims[0]!.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(app.caller({ ip: '198.51.100.1' }).auth.login({ email: victims[0]!.email, password: TEST_PASSWORD })).resolves.toMatchObject({ status: 'ok' });
  });

  it('answers 429 over HTTP with Retry-After and a JSON body', async () => {
    const base = await app.listen();
    const staff = await app.createStaff(['support']);
    let last: Response | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      last = await fetch(`${base}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-opsdesk-csrf': '1' },
        body: JSON.stringify({ email: staff.email, password: 'nope' }),
      });
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('900');
    const body = (await last!.json()) as { error: { message: string; data: { retryAfterSeconds: number } } };
    expect(body.error.message).toMatch(/Try again in 15 minutes/);
    expect(body.error.data.retryAfterSeconds).toBe(900);
  });

  it('clears the account count after a successful sign-in', async () => {
    const staff = await app.createStaff(['support']);
    for (let i = 0; i < 4; i++) await app.caller({ ip: `10.1.0.${i}` }).auth.login({ email: staff.email, password: 'nope' }).catch(() => null);
    await app.caller({ ip: '10.1.0.9' }).auth.login({ email: staff.email, password: TEST_PASSWORD });
    await expect(app.caller({ ip: '10.1.0.10' }).auth.login({ email: staff.email, password: 'nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

/**
 * Reserve-then-verify: each attempt spends its point before its password is checked, so
 * concurrent attempts cannot all pass a check made before any of them counted. Over the
 * memory store, and over Redis (as in production) when REDIS_URL is set.
 */
const limiterStores: [string, Record<string, string>][] = [['memory', {}]];
if (process.env.REDIS_URL) limiterStores.push(['redis', { REDIS_URL: process.env.REDIS_URL }]);

describe.each(limiterStores)('concurrent sign-ins to one account (limiter over %s)', (_store, env) => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp(env)));
  afterEach(() => app.close());

  const outcomeOf = (attempt: Promise<unknown>) => attempt.then(() => 'ok', (error: TRPCError) => `${error.code}: ${error.message}`);

  it('30 at once with a wrong password: at most 5 are checked, the rest are refused, and the account stays locked', async () => {
    const staff = await app.createStaff(['support']);
    const attempts = Array.from({ length: 30 }, (_, i) => outcomeOf(app.caller({ ip: `10.30.0.${i}` }).auth.login({ email: staff.email, password: `wrong ${i}` })));
    const outcomes = await within(Promise.all(attempts), '30 concurrent sign-ins');
    expect(outcomes.filter((o) => o === 'UNAUTHORIZED: Wrong email or password.').length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o.startsWith('TOO_MANY_REQUESTS')).length).toBeGreaterThanOrEqual(25);
    expect(outcomes.filter((o) => !o.startsWith('UNAUTHORIZED') && !o.startsWith('TOO_MANY_REQUESTS'))).toEqual([]);

    // Every attempt whose password was checked leaves a row; refused ones leave none, so
    // the log cannot be grown by hammering a locked account either.
    expect((await auditRows(app, 'staff.logged_in')).length, 'attempts checked').toBeLessThanOrEqual(5);
    expect(await auditRows(app, 'staff.locked_out')).toHaveLength(1);
    await expect(app.caller({ ip: '10.30.1.1' }).auth.login({ email: staff.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('8 at once with the right password after 4 failures: only the one holding the last point is checked', async () => {
    const staff = await app.createStaff(['support']);
    for (let i = 0; i < 4; i++) await expect(app.caller({ ip: `10.31.0.${i}` }).auth.login({ email: staff.email, password: 'nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Sign-in reads the TOTP policy (ops.settings) just before it succeeds: holding that
    // table keeps whichever attempt got the last point from finishing (and clearing the
    // count) until every other attempt has been answered.
    const barrier = await holdLock(app.database, 'lock table ops.settings in access exclusive mode');
    const attempts = Array.from({ length: 8 }, (_, i) => outcomeOf(app.caller({ ip: `10.31.1.${i}` }).auth.login({ email: staff.email, password: TEST_PASSWORD })));
    try {
      await within(settledCount(attempts, 7), 'seven of the eight sign-ins being answered while one is held');
    } finally {
      await barrier.release();
    }
    const outcomes = await within(Promise.all(attempts), 'the eight sign-ins');
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o.startsWith('TOO_MANY_REQUESTS'))).toHaveLength(7);
  });
});

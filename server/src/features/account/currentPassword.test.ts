import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/testApp.js';

/**
 * Asking for the current password again (changing it, turning TOTP off) is a password
 * check like a sign-in: a session in the wrong hands must not be a way to guess the
 * password without the lock-out.
 */
describe('the current password, asked again on the account page', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  const NEW_PASSWORD = 'a brand new passphrase';

  it('counts wrong guesses towards the account’s lock-out, from any address, and the lock-out holds for sign-in too', async () => {
    const { staff, sessionToken } = await app.callerAs(['support']);
    const from = (i: number) => app.caller({ sessionToken, ip: `10.40.0.${i}` });
    for (let i = 1; i <= 4; i++) {
      await expect(from(i).account.changePassword({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(from(5).account.changePassword({ currentPassword: 'guess 5', newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });

    // Locked: even the right password is not checked, here or at sign-in.
    await expect(from(6).account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(app.caller({ ip: '10.40.1.1' }).auth.login({ email: staff.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await auditRows(app, 'staff.locked_out')).filter((r) => r.actorId === staff.id)).toHaveLength(1);
  });

  it('counts wrong passwords given to turn TOTP off the same way', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const outcomes: string[] = [];
    for (let i = 1; i <= 5; i++) {
      outcomes.push(await app.caller({ sessionToken, ip: `10.41.0.${i}` }).account.disableTotp({ password: `guess ${i}` }).then(() => 'ok', (error: { code: string }) => error.code));
    }
    expect(outcomes).toEqual(['BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST', 'TOO_MANY_REQUESTS']);
  });

  it('a right password after a wrong one still changes it', async () => {
    const { staff, sessionToken } = await app.callerAs(['support']);
    const api = app.caller({ sessionToken });
    await expect(api.account.changePassword({ currentPassword: 'not it', newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).resolves.toMatchObject({ ok: true });
    await expect(app.caller().auth.login({ email: staff.email, password: NEW_PASSWORD })).resolves.toMatchObject({ status: 'ok' });
  });

  it('checks the password before the audited transaction opens, so argon2 and its queue hold no database connection', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const api = app.caller({ sessionToken });
    // Observed at the moment a password check is admitted (argon2 runs right after): which of
    // this database's connections sit in an open transaction, as an audited mutation's would.
    const inTransactionAtCheck: number[] = [];
    const limiter = app.deps.loginRateLimiter;
    const admit = limiter.admitPasswordCheck.bind(limiter);
    limiter.admitPasswordCheck = async () => {
      const { rows } = await app.database.superuserQuery(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      inTransactionAtCheck.push(rows[0].n);
      return admit();
    };
    await expect(api.account.changePassword({ currentPassword: 'not it', newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.account.disableTotp({ password: 'not it either' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).resolves.toMatchObject({ ok: true });
    expect(inTransactionAtCheck).toEqual([0, 0, 0]);
    // The wrong guesses are still on the audit log, from the mutation's transaction.
    expect((await auditRows(app, 'staff.password_changed')).map((row) => row.result)).toEqual(expect.arrayContaining(['failure', 'success']));
  });
});

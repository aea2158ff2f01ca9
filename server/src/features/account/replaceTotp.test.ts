import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/testApp.js';

/** A code from the next time step: enrollment used the current one, and a step is never accepted twice. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
/** Six digits guaranteed not to be the current code. */
const wrongCode = async (secret: string) => ((await generate({ secret })) === '123456' ? '654321' : '123456');

/**
 * Replacing a second factor the member already has. Whoever holds an open session (left
 * unlocked, or stolen) must not be able to swap it for their own: that locks the member
 * out and defeats the second factor. Both current factors are asked, as at sign-in.
 */
describe('replacing TOTP from the account page', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  async function enrolledMember() {
    const member = await app.callerAs(['support']);
    const { secret, enrollmentToken } = await member.api.account.beginTotpEnrollment();
    await member.api.account.confirmTotpEnrollment({ enrollmentToken, code: await generate({ secret }) });
    return { ...member, secret };
  }
  const storedSecret = async (staffId: string) => (await app.db.selectFrom('ops.staff').select('totpSecret').where('id', '=', staffId).executeTakeFirstOrThrow()).totpSecret;

  it('refuses to replace an existing TOTP with only a session: the first-time enrollment path is closed to it', async () => {
    const member = await enrolledMember();
    const before = await storedSecret(member.staff.id);
    const theirs = await member.api.account.beginTotpEnrollment();
    await expect(member.api.account.confirmTotpEnrollment({ enrollmentToken: theirs.enrollmentToken, code: await generate({ secret: theirs.secret }) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: /already on/,
    });
    expect(await storedSecret(member.staff.id)).toBe(before);
    await expect(app.caller().auth.login({ email: member.staff.email, password: TEST_PASSWORD, totpCode: await nextCode(member.secret) })).resolves.toMatchObject({ status: 'ok' });
  });

  it('replaces it given the password and a current code, ends the other sessions, and audits the replacement as such', async () => {
    const member = await enrolledMember();
    const otherBrowser = await app.openSession(member.staff.id);
    const next = await member.api.account.beginTotpEnrollment();
    const replaced = await member.api.account.replaceTotp({
      enrollmentToken: next.enrollmentToken,
      code: await generate({ secret: next.secret }),
      currentPassword: TEST_PASSWORD,
      currentCode: await nextCode(member.secret),
    });
    expect(replaced).toMatchObject({ totpEnrolled: true, otherSessionsRevoked: 1 });

    await expect(member.api.auth.me()).resolves.toMatchObject({ id: member.staff.id });
    await expect(app.caller({ sessionToken: otherBrowser }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.caller().auth.login({ email: member.staff.email, password: TEST_PASSWORD, totpCode: await wrongCode(next.secret) })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.caller().auth.login({ email: member.staff.email, password: TEST_PASSWORD, totpCode: await nextCode(next.secret) })).resolves.toMatchObject({ status: 'ok' });

    const [row] = await auditRows(app, 'staff.totp_replaced');
    expect(row).toMatchObject({ actorId: member.staff.id, targetType: 'staff', targetId: member.staff.id, result: 'success' });
    expect(row!.after).toMatchObject({ otherSessionsRevoked: 1 });
    expect(row!.input).toMatchObject({ enrollmentToken: '[redacted]', code: '[redacted]', currentPassword: '[redacted]', currentCode: '[redacted]' });
    expect(await auditRows(app, 'staff.totp_enrolled')).toHaveLength(1);
  });

  it('refuses a wrong password, a wrong current code and a current code already used at sign-in, counting each towards the lock-out', async () => {
    const member = await enrolledMember();
    const before = await storedSecret(member.staff.id);
    // The member signs in with a code; someone who saw it type cannot reuse it here.
    const seen = await nextCode(member.secret);
    await expect(app.caller().auth.login({ email: member.staff.email, password: TEST_PASSWORD, totpCode: seen })).resolves.toMatchObject({ status: 'ok' });

    const theirs = await member.api.account.beginTotpEnrollment();
    const attempt = async (i: number, currentPassword: string, currentCode: string) =>
      app
        .caller({ sessionToken: member.sessionToken, ip: `10.42.0.${i}` })
        .account.replaceTotp({ enrollmentToken: theirs.enrollmentToken, code: await generate({ secret: theirs.secret }), currentPassword, currentCode })
        .then(
          () => 'replaced',
          (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
        );
    expect(await attempt(1, 'not the password', seen)).toBe('BAD_REQUEST: Your password is not correct.');
    expect(await attempt(2, TEST_PASSWORD, seen)).toMatch(/^BAD_REQUEST: That is not the current code .*already used/);
    expect(await attempt(3, TEST_PASSWORD, await wrongCode(member.secret))).toMatch(/^BAD_REQUEST: That is not the current code/);
    expect(await attempt(4, TEST_PASSWORD, await wrongCode(member.secret))).toMatch(/^BAD_REQUEST/);
    expect(await attempt(5, TEST_PASSWORD, await wrongCode(member.secret))).toMatch(/^TOO_MANY_REQUESTS/);

    expect(await storedSecret(member.staff.id)).toBe(before);
    expect(await auditRows(app, 'staff.totp_replaced')).toEqual(Array.from({ length: 5 }, () => expect.objectContaining({ result: 'failure' })));
    expect((await auditRows(app, 'staff.locked_out')).filter((r) => r.actorId === member.staff.id)).toHaveLength(1);
  });

  it('refuses the replacement to a member who has no TOTP: they set it up', async () => {
    const member = await app.callerAs(['support']);
    const next = await member.api.account.beginTotpEnrollment();
    const request = { enrollmentToken: next.enrollmentToken, code: await generate({ secret: next.secret }), currentPassword: TEST_PASSWORD, currentCode: '123456' };
    await expect(member.api.account.replaceTotp(request)).rejects.toMatchObject({ code: 'CONFLICT', message: /Set it up instead/ });
    await expect(member.api.account.get()).resolves.toMatchObject({ totpEnrolled: false });
  });
});

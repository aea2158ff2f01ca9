import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, recordingResponse, TEST_PASSWORD, type TestApp } from '../../testing/testApp.js';

/** A valid code for a given moment, so a test can use a later time step without waiting for it. */
const codeAt = (secret: string, epochSeconds: number) => generate({ secret, epoch: epochSeconds });
/** Six digits guaranteed not to be the current code. */
const wrongCode = async (secret: string) => ((await generate({ secret })) === '123456' ? '654321' : '123456');

describe('TOTP', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  async function enroll(api: ReturnType<TestApp['caller']>) {
    const { secret, enrollmentToken, otpauthUri } = await api.account.beginTotpEnrollment();
    expect(otpauthUri).toContain('otpauth://totp/Opsdesk');
    await api.account.confirmTotpEnrollment({ enrollmentToken, code: await generate({ secret }) });
    return secret;
  }

  it('once enrolled, sign-in asks for the code and accepts a right one only once', async () => {
    const { api, staff } = await app.callerAs(['support']);
    const secret = await enroll(api);
    const stored = await app.db.selectFrom('ops.staff').select('totpSecret').where('id', '=', staff.id).executeTakeFirstOrThrow();
    expect(stored.totpSecret).not.toContain(secret);

    const step1 = recordingResponse();
    await expect(app.caller({ response: step1 }).auth.login({ email: staff.email, password: TEST_PASSWORD })).resolves.toEqual({ status: 'totp_required' });
    expect(step1.sessionToken).toBeUndefined();

    await expect(app.caller().auth.login({ email: staff.email, password: TEST_PASSWORD, totpCode: await wrongCode(secret) })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    // Enrollment used the current time step, so the next accepted code must come from a later one.
    const nextStep = Math.floor(Date.now() / 1000) + 30;
    const code = await codeAt(secret, nextStep);
    const response = recordingResponse();
    await expect(app.caller({ response }).auth.login({ email: staff.email, password: TEST_PASSWORD, totpCode: code })).resolves.toMatchObject({ status: 'ok' });
    expect(response.sessionToken).toBeTruthy();
    await expect(app.caller().auth.login({ email: staff.email, password: TEST_PASSWORD, totpCode: code })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: /already used/ });
  });

  it('accepts one code once even when three sign-ins race with it', async () => {
    const { api, staff } = await app.callerAs(['support']);
    const secret = await enroll(api);
    const code = await codeAt(secret, Math.floor(Date.now() / 1000) + 30);
    const attempts = await Promise.allSettled([1, 2, 3].map(() => app.caller().auth.login({ email: staff.email, password: TEST_PASSWORD, totpCode: code })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason.message)).toEqual([
      expect.stringMatching(/already used/),
      expect.stringMatching(/already used/),
    ]);
  });

  it('a role that requires TOTP makes unenrolled members enroll during sign-in', async () => {
    const admin = await app.callerAs(['admin']);
    await admin.api.security.update({ totpRequiredRoles: ['finance'] });
    const member = await app.createStaff(['finance']);

    const offer = await app.caller().auth.login({ email: member.email, password: TEST_PASSWORD });
    if (offer.status !== 'totp_enrollment_required') throw new Error(`expected an enrollment offer, got ${offer.status}`);
    await expect(app.caller().auth.login({ email: member.email, password: TEST_PASSWORD, enrollmentToken: 'forged.token', totpCode: '123456' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const response = recordingResponse();
    const done = await app.caller({ response }).auth.login({ email: member.email, password: TEST_PASSWORD, enrollmentToken: offer.enrollmentToken, totpCode: await generate({ secret: offer.secret }) });
    expect(done).toMatchObject({ status: 'ok', staff: { totpEnrolled: true } });
    await expect(app.caller({ sessionToken: response.sessionToken }).account.get()).resolves.toMatchObject({ totpEnrolled: true, totpRequired: true });
    await expect(app.caller({ sessionToken: response.sessionToken }).account.disableTotp({ password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an admin can reset a member’s TOTP so they can sign in with the password again', async () => {
    const member = await app.callerAs(['support']);
    await enroll(member.api);
    const admin = await app.callerAs(['admin']);
    await admin.api.staff.resetTotp({ id: member.staff.id, reason: 'lost phone' });
    await expect(app.caller().auth.login({ email: member.staff.email, password: TEST_PASSWORD })).resolves.toMatchObject({ status: 'ok' });
  });

  it('rejects an enrollment confirmed with a wrong code', async () => {
    const { api } = await app.callerAs(['support']);
    const { enrollmentToken, secret } = await api.account.beginTotpEnrollment();
    await expect(api.account.confirmTotpEnrollment({ enrollmentToken, code: await wrongCode(secret) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.account.get()).resolves.toMatchObject({ totpEnrolled: false });
  });
});

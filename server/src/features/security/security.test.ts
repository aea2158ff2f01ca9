import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';

type Api = ReturnType<TestApp['caller']>;

async function enroll(api: Api) {
  const { secret, enrollmentToken } = await api.account.beginTotpEnrollment();
  await api.account.confirmTotpEnrollment({ enrollmentToken, code: await generate({ secret }) });
}

describe('security settings: roles that must use TOTP', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['callerAs']>>;
  beforeEach(async () => {
    app = await createTestApp();
    admin = await app.callerAs(['admin']);
  });
  afterEach(() => app.close());

  it('ends every session of the unenrolled members of a newly required role, and only theirs', async () => {
    const unenrolled = await app.callerAs(['finance']);
    const secondSession = app.caller({ sessionToken: await app.openSession(unenrolled.staff.id) });
    const enrolled = await app.callerAs(['finance']);
    await enroll(enrolled.api);
    const otherRole = await app.callerAs(['support']);

    const saved = await admin.api.security.update({ totpRequiredRoles: ['finance'] });

    expect(saved).toEqual({ settings: { totpRequiredRoles: ['finance'] }, membersSignedOut: 1, sessionsRevoked: 2 });
    await expect(unenrolled.api.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(secondSession.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(enrolled.api.auth.me()).resolves.toMatchObject({ id: enrolled.staff.id });
    await expect(otherRole.api.auth.me()).resolves.toMatchObject({ id: otherRole.staff.id });
    const [row] = await auditRows(app, 'security.settings_updated');
    expect(row).toMatchObject({ before: { totpRequiredRoles: [] }, after: { totpRequiredRoles: ['finance'], membersSignedOut: 1, sessionsRevoked: 2 } });
  });

  it('signs no one out when every member of the required roles has enrolled', async () => {
    const enrolled = await app.callerAs(['finance']);
    await enroll(enrolled.api);
    await admin.api.security.update({ totpRequiredRoles: ['finance'] });
    await expect(admin.api.security.update({ totpRequiredRoles: ['finance', 'moderator'] })).resolves.toMatchObject({ membersSignedOut: 0, sessionsRevoked: 0 });
    await expect(enrolled.api.auth.me()).resolves.toMatchObject({ id: enrolled.staff.id });
  });

  it('refuses an unenrolled admin requiring TOTP of their own role, which would sign them out; once enrolled it saves', async () => {
    await expect(admin.api.security.update({ totpRequiredRoles: ['admin'] })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/Set up two-factor authentication on your own account/),
    });
    await expect(admin.api.security.get()).resolves.toEqual({ totpRequiredRoles: [] });

    await enroll(admin.api);
    await expect(admin.api.security.update({ totpRequiredRoles: ['admin'] })).resolves.toMatchObject({ membersSignedOut: 0 });
    await expect(admin.api.auth.me()).resolves.toMatchObject({ id: admin.staff.id });
  });
});

import { TRPCError } from '@trpc/server';
import { generate } from 'otplib';
import { sql } from 'kysely';
import type { ZodError } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdAuditChainHead } from '../../testing/lockBarrier.js';
import { auditRows, createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/testApp.js';

type Api = ReturnType<TestApp['caller']>;

describe('staff management', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['callerAs']>>;
  beforeEach(async () => {
    app = await createTestApp();
    admin = await app.callerAs(['admin']);
  });
  afterEach(() => app.close());

  const newMember = { email: 'New.Person@Example.test', name: 'New Person', roles: ['support', 'support', 'finance'] as const, password: 'a long enough password' };

  it('creates a member who can then sign in, and audits the creation with its after-state', async () => {
    const created = await admin.api.staff.create({ ...newMember, roles: [...newMember.roles] });
    expect(created).toMatchObject({ email: 'new.person@example.test', roles: ['support', 'finance'], status: 'active', totpEnrolled: false });
    expect(created).not.toHaveProperty('passwordHash');
    await expect(app.caller().auth.login({ email: 'new.person@example.test', password: newMember.password })).resolves.toMatchObject({ status: 'ok' });

    const [row] = await auditRows(app, 'staff.created');
    expect(row).toMatchObject({ actorId: admin.staff.id, actorRoles: ['admin'], targetType: 'staff', targetId: created.id, before: null, result: 'success' });
    expect(row!.after).toMatchObject({ email: 'new.person@example.test', roles: ['support', 'finance'] });
    expect(row!.input).toMatchObject({ password: '[redacted]' });
  });

  it('refuses a duplicate email (any case) with a clear conflict', async () => {
    await admin.api.staff.create({ ...newMember, roles: ['support'] });
    await expect(admin.api.staff.create({ ...newMember, email: 'NEW.PERSON@example.test', roles: ['support'] })).rejects.toMatchObject({ code: 'CONFLICT', message: 'new.person@example.test already has a staff account.' });
  });

  it('refuses malformed input naming each bad field (the HTTP shape is checked in http.test.ts)', async () => {
    const attempt = admin.api.staff.create({ email: 'not-an-email', name: '', roles: [], password: 'short' });
    const error = (await attempt.catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe('BAD_REQUEST');
    const issues = (error.cause as ZodError).issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues).toEqual(expect.arrayContaining(['email: Enter a valid email address', 'roles: Pick at least one role', 'password: Use at least 12 characters']));
  });

  it('changes roles with a before/after diff on the audit log', async () => {
    const member = await app.createStaff(['support']);
    await admin.api.staff.update({ id: member.id, name: 'Renamed', roles: ['support', 'moderator'] });
    const [row] = await auditRows(app, 'staff.updated');
    expect(row!.before).toMatchObject({ name: member.name, roles: ['support'] });
    expect(row!.after).toMatchObject({ name: 'Renamed', roles: ['support', 'moderator'] });
  });

  it('ends the sessions of an unenrolled member given a role that requires TOTP, so they enroll before using it', async () => {
    await admin.api.security.update({ totpRequiredRoles: ['finance'] });
    const promoted = await app.callerAs(['support']);
    const renamed = await app.callerAs(['support']);
    await admin.api.staff.update({ id: promoted.staff.id, name: promoted.staff.name, roles: ['support', 'finance'] });
    await admin.api.staff.update({ id: renamed.staff.id, name: 'Renamed', roles: ['support', 'moderator'] });

    await expect(promoted.api.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(renamed.api.auth.me()).resolves.toMatchObject({ roles: ['support', 'moderator'] });
    expect((await auditRows(app, 'staff.updated')).find((r) => r.targetId === promoted.staff.id)?.after).toMatchObject({ roles: ['support', 'finance'], sessionsRevoked: 1 });
    await expect(app.caller().auth.login({ email: promoted.staff.email, password: TEST_PASSWORD })).resolves.toMatchObject({ status: 'totp_enrollment_required' });
  });

  it('disables and re-enables with a reason; the disabled member cannot sign in', async () => {
    const member = await app.createStaff(['support']);
    await admin.api.staff.disable({ id: member.id, reason: 'contract ended' });
    await expect(app.caller().auth.login({ email: member.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await admin.api.staff.enable({ id: member.id, reason: 'contract renewed' });
    await expect(app.caller().auth.login({ email: member.email, password: TEST_PASSWORD })).resolves.toMatchObject({ status: 'ok' });
    const [disabled] = await auditRows(app, 'staff.disabled');
    expect(disabled).toMatchObject({ reason: 'contract ended', before: { status: 'active' }, after: { status: 'disabled' } });
  });

  it('never leaves the console without an active admin', async () => {
    await expect(admin.api.staff.disable({ id: admin.staff.id, reason: 'testing myself' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin.api.staff.update({ id: admin.staff.id, name: 'Me', roles: ['support'] })).rejects.toMatchObject({ code: 'CONFLICT', message: /last active admin/ });
    const second = await app.createStaff(['admin']);
    await admin.api.staff.update({ id: admin.staff.id, name: 'Me', roles: ['support'] });
    await expect(app.caller({ sessionToken: await app.openSession(second.id) }).staff.disable({ id: second.id, reason: 'self' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  /**
   * Two admins remove each other at the same moment. The audit chain head (locked by
   * every audited write, last thing before commit) is held by the test, so both changes
   * are in flight together, past their last-admin check, before either can commit.
   */
  describe.each([
    ['disable', (api: Api, id: string) => api.staff.disable({ id, reason: 'concurrent removal' })],
    ['demote', (api: Api, id: string) => api.staff.update({ id, name: 'Demoted', roles: ['support'] })],
  ] as const)('two admins who %s each other at the same moment', (_name, remove) => {
    it('leave exactly one active admin: one change succeeds, the other is refused', async () => {
      const other = await app.callerAs(['admin']);
      const barrier = await holdAuditChainHead(app.database);
      const both = Promise.allSettled([remove(admin.api, other.staff.id), remove(other.api, admin.staff.id)]);
      await barrier.untilWaiters(2);
      await barrier.release();
      const outcomes = await both;
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(refused?.reason).toMatchObject({ code: 'CONFLICT', message: /last active admin/ });
      const activeAdmins = await app.db.selectFrom('ops.staff').select('id').where('status', '=', 'active').where(sql<boolean>`'admin' = any(roles)`).execute();
      expect(activeAdmins).toHaveLength(1);
    });
  });

  it('resets a password, ending the member’s sessions', async () => {
    const member = await app.callerAs(['support']);
    const result = await admin.api.staff.resetPassword({ id: member.staff.id, password: 'brand new password 42' });
    expect(result.sessionsRevoked).toBe(1);
    await expect(member.api.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.caller().auth.login({ email: member.staff.email, password: 'brand new password 42' })).resolves.toMatchObject({ status: 'ok' });
  });

  it('resets two-factor, ending every session of the member and recording how many on the audit entry', async () => {
    const member = await app.callerAs(['support']);
    const { secret, enrollmentToken } = await member.api.account.beginTotpEnrollment();
    await member.api.account.confirmTotpEnrollment({ enrollmentToken, code: await generate({ secret }) });
    const otherBrowser = await app.openSession(member.staff.id);

    await expect(admin.api.staff.resetTotp({ id: member.staff.id, reason: 'lost phone' })).resolves.toMatchObject({ totpEnrolled: false });
    await expect(member.api.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.caller({ sessionToken: otherBrowser }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(admin.api.auth.me()).resolves.toMatchObject({ id: admin.staff.id });
    const [row] = await auditRows(app, 'staff.totp_reset');
    expect(row).toMatchObject({ actorId: admin.staff.id, targetId: member.staff.id, reason: 'lost phone', before: { totpEnrolled: true }, after: { totpEnrolled: false, sessionsRevoked: 2 } });
  });

  it('lets staff change their own password, keeping this session and ending the others', async () => {
    const member = await app.callerAs(['support']);
    const otherBrowser = await app.openSession(member.staff.id);
    await expect(member.api.account.changePassword({ currentPassword: 'wrong', newPassword: 'another long password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(member.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'another long password' })).resolves.toMatchObject({ otherSessionsRevoked: 1 });
    await expect(member.api.auth.me()).resolves.toMatchObject({ id: member.staff.id });
    await expect(app.caller({ sessionToken: otherBrowser }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('lists and filters staff', async () => {
    await app.createStaff(['finance'], { email: 'fin@example.test', name: 'Finn' });
    expect((await admin.api.staff.find({ role: 'finance' })).map((s) => s.email)).toEqual(['fin@example.test']);
    expect((await admin.api.staff.find({ q: 'finn' })).map((s) => s.email)).toEqual(['fin@example.test']);
    // What was typed is matched literally: `_` and `%` are not wildcards.
    await app.createStaff(['support'], { email: 'a_b@example.test', name: 'Underscore' });
    await app.createStaff(['support'], { email: 'axb@example.test', name: 'Letter' });
    expect((await admin.api.staff.find({ q: 'a_b' })).map((s) => s.email)).toEqual(['a_b@example.test']);
    expect(await admin.api.staff.find({ q: '%' })).toEqual([]);
    await expect(admin.api.staff.get({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

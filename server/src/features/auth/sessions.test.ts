import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { sessionIdFromToken } from './sessionToken.js';

describe('staff sessions', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  async function idleFor(token: string, minutes: number) {
    await sql`update ops.staff_sessions set last_seen_at = now() - make_interval(mins => ${minutes}) where id = ${sessionIdFromToken(token)}`.execute(app.db);
  }

  it('keeps a session used within 30 minutes and slides its idle timer', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    await idleFor(sessionToken, 29);
    await expect(app.caller({ sessionToken }).auth.me()).resolves.toMatchObject({ roles: ['support'] });
    const row = await app.db.selectFrom('ops.staffSessions').select('lastSeenAt').where('id', '=', sessionIdFromToken(sessionToken)).executeTakeFirstOrThrow();
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    await idleFor(sessionToken, 31);
    await expect(app.caller({ sessionToken }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('ends a session after its 12 hour absolute lifetime even if in use', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const row = await app.db.selectFrom('ops.staffSessions').select(['createdAt', 'expiresAt']).where('id', '=', sessionIdFromToken(sessionToken)).executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime() - new Date(row.createdAt).getTime()).toBe(12 * 3600 * 1000);
    await sql`update ops.staff_sessions set expires_at = now() - interval '1 second' where id = ${sessionIdFromToken(sessionToken)}`.execute(app.db);
    await expect(app.caller({ sessionToken }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('revokes the session on logout', async () => {
    const { sessionToken, api } = await app.callerAs(['support']);
    await api.auth.logout();
    await expect(app.caller({ sessionToken }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('never stores the cookie token itself', async () => {
    const { sessionToken } = await app.callerAs(['support']);
    const ids = await app.db.selectFrom('ops.staffSessions').select('id').execute();
    expect(ids.map((r) => r.id)).not.toContain(sessionToken);
  });

  it('ends the sessions of a disabled staff member', async () => {
    const admin = await app.callerAs(['admin']);
    const target = await app.callerAs(['support']);
    await admin.api.staff.disable({ id: target.staff.id, reason: 'left the company' });
    await expect(app.caller({ sessionToken: target.sessionToken }).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

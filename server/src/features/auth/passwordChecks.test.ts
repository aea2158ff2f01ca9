import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, recordingResponse, type TestApp } from '../../testing/testApp.js';

/**
 * A flood of failed sign-ins from many addresses (so no per-IP limit stops it) must not
 * take every core with argon2 checks: beyond a short queue, sign-ins are refused at once
 * with 503 and Retry-After, and signed-in staff keep working.
 */
describe('password checks under a many-address flood', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  it('refuses sign-ins beyond the queue with 503 and Retry-After, never a 500, and keeps serving staff', async () => {
    const { api } = await app.callerAs(['admin']);
    const responses = Array.from({ length: 80 }, () => recordingResponse());
    const flood = responses.map((response, i) =>
      app
        .caller({ ip: `198.18.0.${i + 1}`, response })
        .auth.login({ email: `nobody-${i}@example.test`, password: 'wrong password' })
        .then(
          () => 'OK',
          (error: TRPCError) => error.code,
        ),
    );
    const during = await api.auth.me();
    const codes = await Promise.all(flood);
    expect(during.roles).toEqual(['admin']);
    expect(new Set(codes)).toEqual(new Set(['UNAUTHORIZED', 'SERVICE_UNAVAILABLE']));
    const busy = responses.filter((_r, i) => codes[i] === 'SERVICE_UNAVAILABLE');
    expect(busy.every((r) => r.headers['retry-after'] === '5')).toBe(true);
    // Refused before the database: a busy refusal leaves no audit row, only checked attempts do.
    const audited = await app.db.selectFrom('ops.auditLog').select('id').where('action', '=', 'staff.logged_in').execute();
    expect(audited).toHaveLength(codes.filter((code) => code === 'UNAUTHORIZED').length);
  });
});

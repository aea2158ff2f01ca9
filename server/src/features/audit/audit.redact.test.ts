import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_ENTRIES, MAX_STRING_LENGTH, MAX_TOTAL_CHARS, REDACTED, redactSecrets, TOO_DEEP, TRUNCATED } from './audit.redact.js';

function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

function depthOf(value: unknown): number {
  return value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
}

describe('redactSecrets', () => {
  it('hides secrets at any depth and keeps everything else', () => {
    expect(
      redactSecrets({
        email: 'a@example.test',
        password: 'p',
        newPassword: 'n',
        nested: [{ totpSecret: 's', enrollmentToken: 't', totpCode: '123456', apiKey: 'k' }],
        totpEnrolled: true,
        roles: ['admin'],
        empty: null,
        at: new Date('2024-05-01T12:00:00.000Z'),
      }),
    ).toEqual({
      email: 'a@example.test',
      password: REDACTED,
      newPassword: REDACTED,
      nested: [{ totpSecret: REDACTED, enrollmentToken: REDACTED, totpCode: REDACTED, apiKey: REDACTED }],
      totpEnrolled: true,
      roles: ['admin'],
      empty: null,
      at: '2024-05-01T12:00:00.000Z',
    });
  });

  it('keeps codes that name something (a reason, a status) and hides every other code', () => {
    expect(
      redactSecrets({
        reasonCode: 'scam',
        reason_codes: ['spam', 'scam'],
        statusCode: 503,
        failure_code: 'card_declined',
        code: '123456',
        currentCode: '654321',
        authorizationCode: 'oauth-code',
        recoveryCodes: ['a1b2'],
      }),
    ).toEqual({
      reasonCode: 'scam',
      reason_codes: ['spam', 'scam'],
      statusCode: 503,
      failure_code: 'card_declined',
      code: REDACTED,
      currentCode: REDACTED,
      authorizationCode: REDACTED,
      recoveryCodes: REDACTED,
    });
  });

  it('stores 5,000 levels of nesting as at most MAX_DEPTH levels, marked, without overflowing the stack', () => {
    const stored = redactSecrets(nested(5000));
    expect(depthOf(stored)).toBe(MAX_DEPTH);
    expect(JSON.stringify(stored)).toContain(TOO_DEEP);
    // Shallow values are untouched.
    expect(redactSecrets(nested(MAX_DEPTH))).toEqual(nested(MAX_DEPTH));
  });

  it('cuts very long strings and keys with a marker saying how long they were', () => {
    const stored = redactSecrets({ note: 'x'.repeat(100_000), ['k'.repeat(10_000)]: 1 }) as Record<string, unknown>;
    expect(stored.note).toBe(`${'x'.repeat(MAX_STRING_LENGTH)}… [truncated, 100000 characters]`);
    const key = Object.keys(stored).find((k) => k.startsWith('k'))!;
    expect(key.length).toBeLessThan(300);
    expect(key).toContain('[truncated, 10000 characters]');
  });

  it('bounds the total stored per value however wide and deep the input is', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => ({ ['field' + i]: 'y'.repeat(1_000) }));
    const stored = redactSecrets({ rows: wide, tree: Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => [1, 2, 3])) });
    const size = JSON.stringify(stored).length;
    expect(size).toBeLessThan(MAX_TOTAL_CHARS * 2);
    expect(JSON.stringify(stored)).toContain(TRUNCATED);
    expect((stored as { rows: unknown[] }).rows).toHaveLength(MAX_ENTRIES + 1);
  });

  it('replaces what PostgreSQL cannot store in jsonb (NUL, lone surrogates) so the audit insert cannot fail on it', () => {
    const stored = redactSecrets({ ['bad\uD800key']: 'a\u0000b', list: ['\uDC00'], fine: 'emoji 😀' });
    expect(stored).toEqual({ ['bad\uFFFDkey']: 'a\uFFFDb', list: ['\uFFFD'], fine: 'emoji 😀' });
  });

  it('turns values JSON cannot hold into ones it can', () => {
    expect(redactSecrets({ big: 2n ** 70n, when: new Date(Number.NaN), fn: () => 1 })).toEqual({ big: '1180591620717411303424', when: null, fn: undefined });
  });
});

import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './audit.redact.js';

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
      }),
    ).toEqual({
      email: 'a@example.test',
      password: REDACTED,
      newPassword: REDACTED,
      nested: [{ totpSecret: REDACTED, enrollmentToken: REDACTED, totpCode: REDACTED, apiKey: REDACTED }],
      totpEnrolled: true,
      roles: ['admin'],
      empty: null,
    });
  });
});

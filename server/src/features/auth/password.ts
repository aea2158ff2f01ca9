import argon2 from 'argon2';
import pLimit from 'p-limit';

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended profile. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Raised instead of queueing a password check behind too many others (answered 503 with Retry-After). */
export class PasswordChecksBusyError extends Error {
  readonly retryAfterSeconds = 5;
  constructor() {
    super('Sign-in is busy right now. Try again in a few seconds.');
  }
}

/**
 * A failed sign-in costs a full argon2 check (~0.2 s of CPU, spread over argon2's own
 * threads). Run from many addresses at once, so that the per-IP limit does not stop it,
 * a flood would take every core and starve everything else on the server. So checks
 * run one at a time behind a short queue (and within the instance's budget, see
 * LoginRateLimiter.admitPasswordCheck); beyond it a sign-in is refused at once.
 */
const PASSWORD_CHECK_QUEUE = 8;
const passwordChecks = pLimit(1);

/** Throws PasswordChecksBusyError when the queue of checks is full. */
export function assertPasswordCheckRoom(): void {
  if (passwordChecks.pendingCount >= PASSWORD_CHECK_QUEUE) throw new PasswordChecksBusyError();
}

// Verifying against a real hash when the account does not exist keeps the response
// time the same, so timing does not reveal which emails are staff.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  return passwordChecks(async () => {
    if (hash === undefined) {
      decoyHash ??= hashPassword('opsdesk-decoy-password');
      await argon2.verify(await decoyHash, password);
      return false;
    }
    return argon2.verify(hash, password);
  });
}

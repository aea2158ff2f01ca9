import { createHash, randomBytes } from 'node:crypto';

/** The cookie carries a random token; the database keeps only its hash, so a leaked table grants nothing. */
export function createSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdFromToken(token) };
}

export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Symmetric helpers keyed from SESSION_SECRET: AES-256-GCM for secrets at rest (TOTP
 * seeds) and HMAC-signed, expiring tokens for short hand-offs (TOTP enrollment).
 * Each purpose derives its own key, so a token for one use cannot be replayed for another.
 */
function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'opsdesk', purpose, 32));
}

export function encryptSecret(secret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, 'secret-box'), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(secret: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unreadable sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, 'secret-box'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function signToken(secret: string, purpose: string, payload: object, ttlSeconds: number): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: Date.now() + ttlSeconds * 1000 })).toString('base64url');
  return `${body}.${createHmac('sha256', deriveKey(secret, purpose)).update(body).digest('base64url')}`;
}

/** The payload, or null when the token is forged, for another purpose, or expired. */
export function verifyToken<T extends object>(secret: string, purpose: string, token: string): T | null {
  const [body, signature] = token.split('.');
  if (!body || !signature) return null;
  const expected = createHmac('sha256', deriveKey(secret, purpose)).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp: number };
  return payload.exp > Date.now() ? payload : null;
}

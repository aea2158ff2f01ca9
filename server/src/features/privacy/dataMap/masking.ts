import { createHmac, hkdfSync } from 'node:crypto';
import type { Config } from '../../../config/config.js';
import type { MaskingKey } from './dataMap.types.js';

/**
 * The keyed hash that masks identifiers (docs/gdpr.md "Strategies"): HMAC-SHA256 under
 * PRIVACY_MASKING_KEY, or, unset (demo, tests), a key derived from the session secret.
 * The same value always masks to the same hash, so joins and counts survive; without the
 * key nobody can test a guess. Computed here, in Node, so the key never appears in SQL.
 */
export function maskingKeyFromConfig(config: Pick<Config, 'PRIVACY_MASKING_KEY' | 'sessionSecret'>): MaskingKey {
  const bytes = config.PRIVACY_MASKING_KEY
    ? Buffer.from(config.PRIVACY_MASKING_KEY, 'utf8')
    : Buffer.from(hkdfSync('sha256', config.sessionSecret, 'opsdesk', 'privacy-masking-key', 32));
  return { bytes };
}

/** HMAC-SHA256 of the value, hex (64 characters). */
export function keyedHash(key: MaskingKey, value: string): string {
  return createHmac('sha256', key.bytes).update(value, 'utf8').digest('hex');
}

const HASH_CHARS = 32;

/** What a keyed_hash column holds after masking; an email column stays a syntactically valid (undeliverable) address. */
export function maskedIdentifier(key: MaskingKey, value: string, format?: 'email'): string {
  if (format === 'email') return `erased-${keyedHash(key, value.toLowerCase()).slice(0, HASH_CHARS)}@invalid`;
  return `kh_${keyedHash(key, value).slice(0, HASH_CHARS)}`;
}

/** The SQL pattern of an already masked value (so a second erasure leaves it alone). */
export function maskedIdentifierPattern(format?: 'email'): string {
  return format === 'email' ? `^erased-[0-9a-f]{${HASH_CHARS}}@invalid$` : `^kh_[0-9a-f]{${HASH_CHARS}}$`;
}

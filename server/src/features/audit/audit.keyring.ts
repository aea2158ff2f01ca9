import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { loadConfig, type Config } from '../../config/config.js';

/**
 * The keys that seal the audit chain. A row's seal is HMAC-SHA256(key, `${id}:${hash}`);
 * each hash covers the previous row's hash, so sealing a row seals the chain up to it.
 * The database never holds a key: whoever can rewrite the log (a superuser) cannot
 * re-seal it. Edit this file to change how keys are read or how a seal is made — the
 * latter invalidates every existing seal.
 */
export interface AuditKeyring {
  /** New rows and anchors are sealed with this key. */
  current: { id: string; key: Buffer };
  /** Every key verification accepts, by id (the current one included). */
  keys: ReadonlyMap<string, Buffer>;
}

/** `id:secret,id2:secret2`, newest first (the format config.ts validates). */
export function parseAuditChainKeys(text: string): AuditKeyring {
  const entries = text.split(',').map((pair) => {
    const colon = pair.indexOf(':');
    return [pair.slice(0, colon), Buffer.from(pair.slice(colon + 1), 'utf8')] as const;
  });
  const keys = new Map(entries);
  if (keys.size !== entries.length) throw new Error('AUDIT_CHAIN_KEYS: each key id may appear once');
  const [id, key] = entries[0]!;
  return { current: { id, key }, keys };
}

/** Without AUDIT_CHAIN_KEYS (demo, tests; refused in production) one key, `demo`, derived from the session secret. */
export function auditKeyringFromConfig(config: Pick<Config, 'AUDIT_CHAIN_KEYS' | 'sessionSecret'>): AuditKeyring {
  if (config.AUDIT_CHAIN_KEYS) return parseAuditChainKeys(config.AUDIT_CHAIN_KEYS);
  const key = Buffer.from(hkdfSync('sha256', config.sessionSecret, 'opsdesk', 'audit-chain-key', 32));
  return { current: { id: 'demo', key }, keys: new Map([['demo', key]]) };
}

// Process-wide on purpose: every writer of the log (the audit middleware, sign-in
// failures, CLIs, jobs) goes through insertAuditEntry(db, entry), whose many callers
// should not each thread a key through. Set once at start by main.ts and the CLIs;
// until then it is what the process environment configures (the demo key in tests).
let configured: AuditKeyring | undefined;

export function configureAuditKeyring(config: Pick<Config, 'AUDIT_CHAIN_KEYS' | 'sessionSecret'>): void {
  configured = auditKeyringFromConfig(config);
}

export function auditKeyring(): AuditKeyring {
  return (configured ??= auditKeyringFromConfig(loadConfig()));
}

/** HMAC-SHA256(key, `${id}:${hash}`) in hex; undefined when the keyring has no such key. */
export function sealOf(keyId: string, id: string, hash: string, keyring = auditKeyring()): string | undefined {
  const key = keyring.keys.get(keyId);
  return key && createHmac('sha256', key).update(`${id}:${hash}`).digest('hex');
}

/** The seal for a row (or an anchor) with the current key. */
export function sealWithCurrentKey(id: string, hash: string, keyring = auditKeyring()): { keyId: string; mac: string } {
  return { keyId: keyring.current.id, mac: sealOf(keyring.current.id, id, hash, keyring)! };
}

/** Whether a seal was made over this id and hash by a key of the keyring. */
export function checkSeal(seal: { keyId: string; mac: string }, id: string, hash: string, keyring = auditKeyring()): 'valid' | 'unknown-key' | 'mismatch' {
  const expected = sealOf(seal.keyId, id, hash, keyring);
  if (expected === undefined) return 'unknown-key';
  const [want, got] = [Buffer.from(expected, 'hex'), Buffer.from(seal.mac, 'hex')];
  return got.length === want.length && timingSafeEqual(got, want) ? 'valid' : 'mismatch';
}

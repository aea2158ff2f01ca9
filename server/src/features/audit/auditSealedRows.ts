import { createHmac, timingSafeEqual } from 'node:crypto';
import { auditKeyring, type AuditKeyring } from './audit.keyring.js';

/**
 * The record that vouches for a legacy row whose personal values were sealed after it was
 * written (auditLegacy.ts): its hash no longer covers its content, so the verifier accepts
 * it only with this record — the row's new content hash, HMAC-bound to its id and its
 * original (still chained, still anchored) hash with a key the database never holds.
 */
export interface SealedRowRecord {
  contentHash: string;
  keyId: string;
  mac: string;
}

function macOf(key: Buffer, id: string, hash: string, contentHash: string): string {
  return createHmac('sha256', key).update(`${id}:${hash}:${contentHash}`).digest('hex');
}

export function sealedRowRecord(id: string, hash: string, contentHash: string, keyring: AuditKeyring = auditKeyring()): SealedRowRecord {
  return { contentHash, keyId: keyring.current.id, mac: macOf(keyring.current.key, id, hash, contentHash) };
}

/** 'valid' only when a key of the keyring made this record for this row, hash and content. */
export function checkSealedRowRecord(record: SealedRowRecord, id: string, hash: string, keyring: AuditKeyring = auditKeyring()): 'valid' | 'unknown-key' | 'mismatch' {
  const key = keyring.keys.get(record.keyId);
  if (!key) return 'unknown-key';
  const [want, got] = [Buffer.from(macOf(key, id, hash, record.contentHash), 'hex'), Buffer.from(record.mac, 'hex')];
  return got.length === want.length && timingSafeEqual(got, want) ? 'valid' : 'mismatch';
}

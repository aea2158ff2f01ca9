import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { Config } from '../../../config/config.js';

/**
 * The key that signs deletion receipts (Ed25519, docs/gdpr.md "Receipts"):
 * PRIVACY_RECEIPT_KEY as a PKCS#8 PEM (or the base64 of the PEM or of its DER), or,
 * unset (demo), a key derived from the session secret, so every instance of one install
 * signs with the same key without a file to copy. The key id is a digest of the public
 * half: a verifier can tell which key a receipt claims without trusting the claim.
 */
export interface ReceiptKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, base64: what a receipt carries and `--public-key` accepts. */
  publicKeyBase64: string;
}

/** PKCS#8 DER of an Ed25519 key is this fixed prefix and the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function receiptKeyFromConfig(config: Pick<Config, 'PRIVACY_RECEIPT_KEY' | 'sessionSecret'>): ReceiptKey {
  const configured = config.PRIVACY_RECEIPT_KEY?.trim();
  const privateKey = configured ? parsePrivateKey(configured) : derivedKey(config.sessionSecret);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('PRIVACY_RECEIPT_KEY must be an Ed25519 private key (PKCS#8)');
  return receiptKeyOf(privateKey);
}

export function receiptKeyOf(privateKey: KeyObject): ReceiptKey {
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return { keyId: keyIdOf(spki), privateKey, publicKey, publicKeyBase64: spki.toString('base64') };
}

export function keyIdOf(spki: Buffer): string {
  return `ed25519:${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
}

function derivedKey(secret: string): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'opsdesk', 'privacy-receipt-key', 32));
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function parsePrivateKey(text: string): KeyObject {
  if (text.includes('-----BEGIN')) return createPrivateKey(text);
  const bytes = Buffer.from(text, 'base64');
  const asText = bytes.toString('utf8');
  return asText.includes('-----BEGIN') ? createPrivateKey(asText) : createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
}

/** A public key given to the verifier: PEM, or base64 of the SPKI DER (as receipts carry it). */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

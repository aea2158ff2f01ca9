import { sign, verify, type KeyObject } from 'node:crypto';
import type { TDeletionReceipt } from '@opsdesk/shared';
import { canonicalJson } from '../../runbooks/planHash.js';
import { keyIdOf, type ReceiptKey } from './receiptKey.js';

/**
 * Deletion receipts (docs/gdpr.md, "Receipts"): the receipt body's canonical JSON (keys
 * sorted at every depth, so re-serialising it elsewhere cannot change what was signed),
 * signed with Ed25519. The receipt carries the public key and its id for convenience,
 * but a verifier checks against the key it trusts (the configured one, or one given):
 * a receipt re-signed with some other key carries that key too, so the embedded one
 * proves nothing on its own.
 */
export type TReceiptBody = TDeletionReceipt['receipt'];

export function signReceipt(body: TReceiptBody, key: ReceiptKey): TDeletionReceipt {
  const value = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
  return { receipt: body, signature: { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKeyBase64, value } };
}

export type ReceiptVerdict = { valid: true; keyId: string } | { valid: false; why: string };

export function verifyReceipt(document: unknown, trusted: KeyObject): ReceiptVerdict {
  const receipt = document as Partial<TDeletionReceipt> | null;
  const signature = receipt?.signature;
  if (!receipt || typeof receipt !== 'object' || typeof receipt.receipt !== 'object' || receipt.receipt === null || !signature || typeof signature.value !== 'string') {
    return { valid: false, why: 'this is not a deletion receipt (no receipt body or signature)' };
  }
  if (signature.algorithm !== 'Ed25519') return { valid: false, why: `unsupported signature algorithm ${String(signature.algorithm)}` };
  if (trusted.asymmetricKeyType !== 'ed25519') return { valid: false, why: 'the public key to check against is not an Ed25519 key' };
  const trustedId = keyIdOf(trusted.export({ format: 'der', type: 'spki' }));
  const signed = verify(null, Buffer.from(canonicalJson(receipt.receipt)), trusted, Buffer.from(signature.value, 'base64'));
  if (signed) return { valid: true, keyId: trustedId };
  if (signature.keyId !== trustedId) return { valid: false, why: `the receipt claims key ${String(signature.keyId)}, not the trusted key ${trustedId}: signed by another key, or edited` };
  return { valid: false, why: 'the signature does not match the receipt: it was edited after signing' };
}

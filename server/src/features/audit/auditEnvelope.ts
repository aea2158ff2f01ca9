import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The sealed form of an audit row's personal values (docs/gdpr.md "The audit log"):
 * AES-256-GCM under the subject's key, the subject ref bound as associated data so a
 * ciphertext cannot be passed off as another subject's. The row keeps the envelope in
 * `input`; `before`, `after`, `reason` and `error` are null. The chain hashes the
 * envelope, so destroying the key later erases the values without changing the row.
 */
export interface PersonalFields {
  input: unknown;
  before: unknown;
  after: unknown;
  reason: string | null;
  error: string | null;
}

export interface SealedEnvelope {
  $sealed: 1;
  subject: string;
  iv: string;
  data: string;
}

export function isSealedEnvelope(value: unknown): value is SealedEnvelope {
  const v = value as Partial<SealedEnvelope> | null;
  return typeof v === 'object' && v !== null && v.$sealed === 1 && typeof v.subject === 'string' && typeof v.iv === 'string' && typeof v.data === 'string';
}

export function sealPersonalFields(key: Buffer, subject: string, fields: PersonalFields): SealedEnvelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(subject, 'utf8'));
  const plain = JSON.stringify({ input: fields.input ?? null, before: fields.before ?? null, after: fields.after ?? null, reason: fields.reason, error: fields.error });
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { $sealed: 1, subject, iv: iv.toString('base64'), data: data.toString('base64') };
}

/** The values, or undefined when the ciphertext does not authenticate (edited, or another key). */
export function openSealedEnvelope(key: Buffer, envelope: SealedEnvelope): PersonalFields | undefined {
  try {
    const data = Buffer.from(envelope.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64')).setAAD(Buffer.from(envelope.subject, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as PersonalFields;
  } catch {
    return undefined;
  }
}

/** What a row about an already erased subject holds instead of its personal values (they are never written). */
export const SUBJECT_ERASED = '[subject erased]';

export function erasedPersonalFields(fields: PersonalFields): PersonalFields {
  const erase = (value: unknown) => (value === null || value === undefined ? null : SUBJECT_ERASED);
  return { input: erase(fields.input), before: erase(fields.before), after: erase(fields.after), reason: erase(fields.reason), error: erase(fields.error) };
}

import { ZPrivacyCreateRequestSchema, type TPrivacyCreateRequest, type TPrivacyRequestChannel, type TPrivacyRequestKind, type TPrivacySubjectKind } from '@opsdesk/shared';

/**
 * The "Record request" form, checked as people type against the shared create schema the
 * server applies (its messages, its limits), plus the one rule the schema cannot know in
 * the browser's zone: a receipt time in the future.
 */
export interface RecordRequestValues {
  kind: TPrivacyRequestKind;
  subjectKind: TPrivacySubjectKind;
  subjectValue: string;
  channel: TPrivacyRequestChannel;
  /** A `datetime-local` value in the browser's zone; empty means now. */
  receivedAt: string;
  note: string;
}

export type RecordRequestField = 'subjectValue' | 'receivedAt' | 'note';

export const EMPTY_RECORD_REQUEST: RecordRequestValues = { kind: 'access', subjectKind: 'email', subjectValue: '', channel: 'email', receivedAt: '', note: '' };

const FIELD_OF_PATH: Record<string, RecordRequestField> = { subject: 'subjectValue', receivedAt: 'receivedAt', note: 'note' };

const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

export function buildCreateRequest(values: RecordRequestValues, now = new Date()): { request: TPrivacyCreateRequest | null; errors: Partial<Record<RecordRequestField, string>> } {
  const receivedAt = values.receivedAt === '' ? undefined : new Date(values.receivedAt);
  const errors: Partial<Record<RecordRequestField, string>> = {};
  if (receivedAt && Number.isNaN(receivedAt.getTime())) errors.receivedAt = 'Enter a date and time.';
  else if (receivedAt && receivedAt.getTime() > now.getTime()) errors.receivedAt = 'The request cannot have been received in the future.';
  const candidate = {
    kind: values.kind,
    subject: { kind: values.subjectKind, value: values.subjectValue.trim() },
    channel: values.channel,
    ...(receivedAt && !errors.receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
    ...(values.note.trim() ? { note: values.note } : {}),
  };
  const parsed = ZPrivacyCreateRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF_PATH[String(issue.path[0])];
      if (field && !errors[field]) errors[field] = sentence(issue.message);
    }
  }
  return { request: parsed.success && Object.keys(errors).length === 0 ? (candidate as TPrivacyCreateRequest) : null, errors };
}

/**
 * The create's idempotency key, a v4 uuid. From getRandomValues, because randomUUID
 * exists only in secure contexts and a development console may be served over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

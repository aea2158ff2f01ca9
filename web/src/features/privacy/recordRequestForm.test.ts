import { ZPrivacyCreateRequestSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { buildCreateRequest, EMPTY_RECORD_REQUEST, newIdempotencyKey } from './recordRequestForm';

const now = new Date('2026-12-01T12:00:00Z');

describe('buildCreateRequest', () => {
  it('builds the create request from valid values, receipt time as ISO, empty note left out', () => {
    const { request, errors } = buildCreateRequest({ ...EMPTY_RECORD_REQUEST, kind: 'erasure', subjectValue: ' ada@example.com ', receivedAt: '2026-11-30T10:00' }, now);
    expect(errors).toEqual({});
    expect(request).toEqual({ kind: 'erasure', subject: { kind: 'email', value: 'ada@example.com' }, channel: 'email', receivedAt: new Date('2026-11-30T10:00').toISOString() });
  });

  it('says what is wrong with the subject in the shared schema’s words, per subject kind', () => {
    expect(buildCreateRequest({ ...EMPTY_RECORD_REQUEST, subjectValue: 'not-an-email' }, now).errors.subjectValue).toBe('Enter an email address.');
    expect(buildCreateRequest({ ...EMPTY_RECORD_REQUEST, subjectKind: 'stripe_customer_id', subjectValue: 'abc' }, now).errors.subjectValue).toBe('A Stripe id starting with cus_.');
    expect(buildCreateRequest({ ...EMPTY_RECORD_REQUEST, subjectKind: 'user_id', subjectValue: '42' }, now).errors.subjectValue).toBe('A product user id (a uuid).');
  });

  it('refuses a receipt time in the future and a note over the limit', () => {
    const result = buildCreateRequest({ ...EMPTY_RECORD_REQUEST, subjectValue: 'ada@example.com', receivedAt: '2027-01-01T00:00', note: 'x'.repeat(2001) }, now);
    expect(result.request).toBeNull();
    expect(result.errors.receivedAt).toBe('The request cannot have been received in the future.');
    expect(result.errors.note).toMatch(/2,?000/);
  });
});

describe('newIdempotencyKey', () => {
  it('makes a fresh key the shared schema accepts', () => {
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    for (const key of keys) expect(ZPrivacyCreateRequestSchema.shape.idempotencyKey.safeParse(key).success, key).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

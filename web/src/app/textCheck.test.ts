import { ZActionFields, ZAddNoteRequestSchema, ZDecideApprovalRequestSchema, ZNewPassword, ZReason, ZSavedFilterSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { checkText, maxLengthOf } from './textCheck';

describe('maxLengthOf', () => {
  it('reads the cap from the shared schema, through optional wrappers', () => {
    expect(maxLengthOf(ZActionFields.shape.reason)).toBe(1000);
    expect(maxLengthOf(ZAddNoteRequestSchema.shape.body)).toBe(5000);
    expect(maxLengthOf(ZSavedFilterSchema.shape.name)).toBe(100);
    expect(maxLengthOf(ZNewPassword)).toBe(256);
  });
});

describe('checkText', () => {
  it('counts what is typed against the limit', () => {
    expect(checkText('hello', ZReason)).toEqual({ error: null, counter: '5 / 1,000 characters' });
  });

  it('says how far over the limit a value is, in words, with the counter marked', () => {
    const check = checkText('x'.repeat(1002), ZActionFields.shape.reason);
    expect(check.error).toBe('Too long: 2 characters over the limit of 1,000.');
    expect(check.counter).toBe('1,002 / 1,000 characters — too long');
    expect(checkText('x'.repeat(101), ZSavedFilterSchema.shape.name).error).toBe('Too long: 1 character over the limit of 100.');
  });

  it('uses the schema’s own message for a value too short, as a sentence', () => {
    expect(checkText('ok', ZReason).error).toBe('Give a reason of at least 3 characters.');
    expect(checkText('no', ZDecideApprovalRequestSchema.shape.comment).error).toBe('Add a comment of at least 3 characters.');
  });

  it('refuses control characters the server would refuse', () => {
    expect(checkText('a\u202Eb name', ZSavedFilterSchema.shape.name).error).toBe('Must not contain control characters.');
  });

  it('says a required value is missing only when asked to, and lets an optional one be empty', () => {
    expect(checkText('   ', ZSavedFilterSchema.shape.name, { requiredMessage: 'Give it a name.' }).error).toBe('Give it a name.');
    expect(checkText('', ZActionFields.shape.reason).error).toBeNull();
  });
});

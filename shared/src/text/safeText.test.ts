import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bigintId, boundedDateTime, fitsBigint, isWellFormedText, opaqueCursor, prefixedId, safeText, secretText, TEXT_MESSAGES } from './safeText.js';

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('safeText', () => {
  const name = safeText({ max: 20, min: 1, minMessage: 'Enter a name' });
  const note = safeText({ max: 50, multiline: true });

  it('trims and normalises to NFC', () => {
    expect(name.parse('  Ada  ')).toBe('Ada');
    expect(name.parse('Jose\u0301')).toBe('José');
    expect(name.parse('Jose\u0301')).toHaveLength(4);
  });

  it('refuses NUL and other control characters with a clear message', () => {
    for (const bad of ['a\u0000b', '\u0000', 'a\u0007', 'a\u001Bb', 'a\u007Fb', 'a\u0085b', 'tab\there', 'line\nbreak']) {
      expect(problems(name, bad), JSON.stringify(bad)).toEqual([TEXT_MESSAGES.control]);
    }
    expect(TEXT_MESSAGES.control).toBe('must not contain control characters');
  });

  it('allows tab and line breaks only in multi-line text, never NUL', () => {
    expect(note.parse('first line\n\tsecond\r\nthird')).toBe('first line\n\tsecond\r\nthird');
    expect(problems(note, 'a\u0000b')).toEqual([TEXT_MESSAGES.control]);
    expect(problems(note, 'a\u000Bb')).toEqual([TEXT_MESSAGES.control]);
  });

  it('refuses bidirectional overrides (text that displays as something else), keeps emoji joiners', () => {
    for (const bad of ['invoice\u202Etxt.exe', 'a\u2066b\u2069', 'x\u202Ay']) {
      expect(problems(name, bad), JSON.stringify(bad)).toEqual([TEXT_MESSAGES.control]);
      expect(problems(note, bad), JSON.stringify(bad)).toEqual([TEXT_MESSAGES.control]);
    }
    expect(name.parse('family 👩\u200D👧')).toBe('family 👩\u200D👧');
  });

  it('refuses lone surrogates, keeps real astral characters', () => {
    expect(problems(name, 'a\uD800')).toEqual([TEXT_MESSAGES.surrogate]);
    expect(problems(name, '\uDC00b')).toEqual([TEXT_MESSAGES.surrogate]);
    expect(name.parse('rocket 🚀')).toBe('rocket 🚀');
  });

  it('caps the length before doing anything else and checks min after trimming', () => {
    expect(problems(name, 'x'.repeat(1_000_000))).toEqual([TEXT_MESSAGES.tooLong(20)]);
    expect(problems(name, 'x'.repeat(1_000_000) + '\u0000')).toEqual([TEXT_MESSAGES.tooLong(20)]);
    expect(problems(name, '   ')).toEqual(['Enter a name']);
    expect(problems(name, 42)).toHaveLength(1);
  });
});

describe('secretText (passwords)', () => {
  const password = secretText({ max: 256, min: 12, minMessage: 'Use at least 12 characters' });

  it('is neither trimmed nor normalised', () => {
    expect(password.parse('  spaced out phrase  ')).toBe('  spaced out phrase  ');
    expect(password.parse('Jose\u0301 is my name')).toBe('Jose\u0301 is my name');
  });

  it('refuses NUL, lone surrogates and overlong input', () => {
    expect(problems(password, 'correct horse\u0000battery')).toEqual([TEXT_MESSAGES.nul]);
    expect(problems(password, 'correct horse\uD800battery')).toEqual([TEXT_MESSAGES.surrogate]);
    expect(problems(password, 'x'.repeat(257))).toEqual([TEXT_MESSAGES.tooLong(256)]);
    expect(problems(password, 'short')).toEqual(['Use at least 12 characters']);
  });
});

describe('identifiers', () => {
  it('bigint ids: digits that fit a PostgreSQL bigint', () => {
    const id = bigintId('Audit ids are whole numbers');
    expect(id.parse('9223372036854775807')).toBe('9223372036854775807');
    expect(id.parse('1')).toBe('1');
    for (const bad of ['9223372036854775808', '99999999999999999999', '-1', '1.5', '1e3', '', ' 1', '0x10', '１']) {
      expect(problems(id, bad), bad).toEqual(['Audit ids are whole numbers']);
    }
    expect(fitsBigint('0')).toBe(true);
  });

  it('Stripe-style ids: prefix, word characters, bounded', () => {
    const chargeId = prefixedId('ch', 'A Stripe charge id starts with ch_');
    expect(chargeId.parse('ch_123abc')).toBe('ch_123abc');
    for (const bad of ['ch_', 'cus_123', 'ch_12\u00003', `ch_${'a'.repeat(300)}`, 'ch_ab-c']) {
      expect(problems(chargeId, bad), bad).toEqual(['A Stripe charge id starts with ch_']);
    }
  });

  it('opaque cursors: base64url only, bounded', () => {
    const cursor = opaqueCursor(100);
    expect(cursor.parse('WyJzaWdudXBfZGVzYyJd')).toBe('WyJzaWdudXBfZGVzYyJd');
    expect(problems(cursor, 'not a cursor!')).toHaveLength(1);
    expect(problems(cursor, 'a'.repeat(101))).toHaveLength(1);
  });
});

describe('boundedDateTime', () => {
  const date = boundedDateTime();

  it('accepts ISO 8601 with an offset between 1970 and 9999', () => {
    expect(date.parse('2024-05-01T12:00:00Z')).toBe('2024-05-01T12:00:00Z');
    expect(date.parse('9999-12-31T23:59:59+01:00')).toBe('9999-12-31T23:59:59+01:00');
  });

  it('refuses years PostgreSQL or the list cannot take, impossible dates and other formats', () => {
    for (const bad of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-01:00', '+275760-09-13T00:00:00.000Z', '2023-02-29T00:00:00Z', '2024-05-01', 'yesterday', '']) {
      expect(problems(date, bad), bad).toHaveLength(1);
    }
  });
});

describe('isWellFormedText', () => {
  it('matches the regular-expression fallback', () => {
    for (const text of ['', 'plain', '😀', 'a\uD83D', '\uDE00a', '\uDE00\uD83D']) {
      const fallback = !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
      expect(isWellFormedText(text), JSON.stringify(text)).toBe(fallback);
    }
  });
});

import fc from 'fast-check';

/**
 * Generated hostile inputs for the fuzzing suite (router.fuzz.test.ts): what a buggy
 * client or a hostile insider sends. Kept apart from the test so the values read as a
 * list: strings PostgreSQL cannot store, huge and control-character strings, extreme
 * numbers, wrong types, deep nesting, unknown keys, malformed cursors and dates.
 */

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const SOME_UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

/** A GET carries its input in the URL, which the server reads up to 16 KB; a body may nest deeper. */
export const QUERY_MAX_DEPTH = 800;
export const BODY_MAX_DEPTH = 5000;

/**
 * Deep nesting, written straight as JSON text by `toJsonText`: fast-check (reporting,
 * shrinking) and JSON.stringify walk values recursively, which thousands of levels
 * overflow in the test process before the server ever sees them.
 */
export class DeepValue {
  constructor(
    readonly levels: number,
    readonly kind: 'object' | 'array',
  ) {}
  get jsonText(): string {
    const [open, close] = this.kind === 'object' ? ['{"a":', '}'] : ['[', ']'];
    return `${open.repeat(this.levels)}"bottom"${close.repeat(this.levels)}`;
  }
  [fc.toStringMethod](): string {
    return `nested(${this.levels}, '${this.kind}')`;
  }
}

/** JSON text of a generated input, DeepValues included; undefined for no input. */
export function toJsonText(value: unknown): string | undefined {
  const deepValues: DeepValue[] = [];
  const marker = `deep-${Math.random().toString(36).slice(2)}-`;
  const text = JSON.stringify(value, (_key, inner: unknown) => (inner instanceof DeepValue ? `${marker}${deepValues.push(inner) - 1}` : inner));
  return text?.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), (_match, index: string) => deepValues[Number(index)]!.jsonText);
}

/** One UTF-16 code unit of any value: control characters and lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const nastyCharacter = fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u001B', '\u007F', '\u0085', '\u202E', '\uFEFF', '\u00A0', '\n', '\r', '\t', '%', '_', '\\', "'", '"', '=', '＝', '|', '😀');

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'search\u0000',
  '\uD800',
  'x\uDFFF',
  'lone \uDBFF high',
  '\u0001\u0002\u0003',
  'tab\tand\nnewline',
  '\u202Eevil',
  "'; drop table ops.audit_log; --",
  '%_%\\',
  '=HYPERLINK("http://evil.test")',
  '\u00A0=1+1',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9223372036854775808',
  '18446744073709551616',
  '99999999999999999999999999',
  '-1',
  '0',
  'x'.repeat(1001),
  'x'.repeat(5001),
  '🚀'.repeat(300),
  'ch_' + 'a'.repeat(300),
  'sub_\u0000',
  'cus_x',
  'price_x',
  'ch_x',
  '00000000-0000-0000-0000-000000000000',
  SOME_UUID.toUpperCase(),
  'not-a-uuid',
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2024-02-30T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  'a@b',
  'a\u0000@example.test',
  `${'a'.repeat(250)}@example.test`,
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: nastyCharacter, minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  // Plausible text with one bad character inside: what slips past a check of the ends only.
  { weight: 3, arbitrary: fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), nastyCharacter, fc.string({ unit: 'grapheme-ascii', maxLength: 10 })).map(([a, b, c]) => a + b + c) },
);

/** Page cursors a client could hand-edit: not base64, not JSON, wrong shapes, years and ids no database takes. */
export const hostileCursor: fc.Arbitrary<string> = fc.constantFrom(
  'not-a-cursor',
  'not a cursor!',
  '',
  'AAAA',
  '9223372036854775808',
  '99999999999999999999',
  '-1',
  '1.5',
  base64url(['signup_desc', '275760-09-13 00:00:00+00', SOME_UUID]),
  base64url(['signup_desc', '0000-01-01 00:00:00+00', SOME_UUID]),
  base64url(['signup_desc', 'yesterday', SOME_UUID]),
  base64url(['signup_desc', '2024-01-01 00:00:00+00', 'not-a-uuid']),
  base64url(['signup_asc', '2024-02-30 00:00:00+00', SOME_UUID]),
  base64url(['email_asc', 'a\u0000b', SOME_UUID]),
  base64url(['email_asc', 'a\uD800', SOME_UUID]),
  base64url(['email_asc', 'x'.repeat(5000), SOME_UUID]),
  base64url(['+275760-09-13T00:00:00.000Z', 'audit:1']),
  base64url(['2024-01-01T00:00:00.000000Z', 'audit:99999999999999999999999']),
  base64url(['2024-01-01T00:00:00.000000Z', 'stripe:\u0000']),
  base64url(['1', 'audit:1']),
  base64url({ sort: 'signup_desc' }),
  base64url(null),
  base64url('x'),
  Buffer.from('{"a":').toString('base64url'),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 253402300800, 8.64e15),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'a\u0000', '\uD800', '\u0000', 'k'.repeat(10_000), 'reason ', 'id\u200B'),
  fc.string({ unit: anyCodeUnit, maxLength: 12 }),
);

/** Deep nesting: far deeper than anything recursive should ever be asked to walk. */
export function deepValue(maxLevels: number): fc.Arbitrary<DeepValue> {
  return fc.tuple(fc.constantFrom(500, 2000, maxLevels), fc.constantFrom('object', 'array') as fc.Arbitrary<'object' | 'array'>).map(([levels, kind]) => new DeepValue(Math.min(levels, maxLevels), kind));
}

/**
 * The classic breakers, tried once in every field before the random runs: NUL, lone
 * surrogates, a control character, text far over any cap, deep nesting, a number no
 * column holds, and a malformed cursor.
 */
export function classicBreakers(transport: 'url' | 'body'): unknown[] {
  const [depth, length] = transport === 'url' ? [QUERY_MAX_DEPTH, 5_001] : [BODY_MAX_DEPTH, 20_000];
  return ['a\u0000b', 'x\uD800y', 'esc\u001B', 'x'.repeat(length), new DeepValue(depth, 'object'), 2 ** 63, 'not-a-cursor'];
}

/** Any hostile value; `maxDepth` keeps GET requests within the URL length a server reads. */
export function hostileValue(maxDepth: number): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    { weight: 8, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: hostileCursor },
    { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.constant(null)) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], Array.from({ length: 1000 }, (_, i) => i)) },
    { weight: 1, arbitrary: fc.dictionary(hostileKey, scalar, { maxKeys: 4 }) },
    { weight: 1, arbitrary: deepValue(maxDepth) },
  );
}

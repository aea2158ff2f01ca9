import { z } from 'zod';

/**
 * The one safe-text rule at the boundary: every free-text field of every request is
 * built here, so nothing PostgreSQL cannot store (a NUL byte, a lone UTF-16 surrogate)
 * and nothing unbounded reaches a query, a jsonb column or the audit log.
 *
 * 1. Text: `safeText` (names, reasons, notes, search terms) and `secretText` (passwords).
 * 2. Identifiers: Stripe-style ids, bigint ids, opaque page cursors.
 * 3. Dates: ISO 8601 with an offset, years 1970–9999 (PostgreSQL has no year 0; a JS
 *    Date reaches year 275760).
 */

// ── 1. Text ──

export const TEXT_MESSAGES = {
  control: 'must not contain control characters',
  surrogate: 'must not contain invalid Unicode (a lone surrogate)',
  nul: 'must not contain a NUL character',
  tooLong: (max: number) => `must be at most ${max} characters`,
} as const;

// C0 controls, DEL and C1 controls; tab, line feed and carriage return are allowed in
// multi-line text. Also the bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069): they make a name or a reason display as something else ("Trojan
// Source"), and no one types them on purpose. Zero-width joiners stay (emoji need them).
const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` is valid Unicode: no unpaired surrogate (which PostgreSQL cannot store). */
export function isWellFormedText(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(text) : !LONE_SURROGATE.test(text);
}

export function hasControlCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL).test(text);
}

export interface SafeTextOptions {
  /** Required: every field has a length cap. */
  max: number;
  min?: number;
  minMessage?: string;
  /** Notes and comments: tab and line breaks allowed. */
  multiline?: boolean;
}

/**
 * Free text: capped (checked first, so nothing else runs on a huge string), valid
 * Unicode, normalised to NFC, trimmed, no control characters, then `min` on the result.
 */
export function safeText(options: SafeTextOptions) {
  const { max, min, minMessage, multiline = false } = options;
  const schema = z
    .string()
    .max(max, { error: TEXT_MESSAGES.tooLong(max), abort: true })
    .refine(isWellFormedText, { error: TEXT_MESSAGES.surrogate, abort: true })
    .normalize('NFC')
    .trim()
    .refine((text) => !hasControlCharacters(text, { multiline }), { error: TEXT_MESSAGES.control, abort: true })
    // NFC can lengthen a few scripts; the cap holds for what is stored.
    .max(max, TEXT_MESSAGES.tooLong(max));
  return min === undefined ? schema : schema.min(min, minMessage ?? `must be at least ${min} character${min === 1 ? '' : 's'}`);
}

/**
 * Passwords and other secrets: capped, no NUL, valid Unicode, but never trimmed or
 * normalised (what was typed is what is hashed).
 */
export function secretText(options: { max: number; min?: number; minMessage?: string; maxMessage?: string }) {
  const schema = z
    .string()
    .max(options.max, { error: options.maxMessage ?? TEXT_MESSAGES.tooLong(options.max), abort: true })
    .refine((text) => !text.includes('\u0000'), { error: TEXT_MESSAGES.nul, abort: true })
    .refine(isWellFormedText, { error: TEXT_MESSAGES.surrogate, abort: true });
  return options.min === undefined ? schema : schema.min(options.min, options.minMessage);
}

// ── 2. Identifiers ──

/** A Stripe-style id (`ch_…`, `sub_…`): the prefix, then word characters, at most 255 in all. */
export function prefixedId(prefix: string, message = `A Stripe id starting with ${prefix}_`) {
  return z
    .string()
    .max(255, { error: message, abort: true })
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9_]+$`), message);
}

export const BIGINT_MAX = 9223372036854775807n;

/** True for a non-negative integer in decimal that fits PostgreSQL's bigint. */
export function fitsBigint(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= BIGINT_MAX;
}

/** A bigint row id as a string of digits (JSON numbers lose precision past 2^53). */
export function bigintId(message = 'must be a whole number id') {
  return z.string().max(19, { error: message, abort: true }).refine(fitsBigint, message);
}

/** An opaque cursor the server handed out (base64url); its content is checked when decoded. */
export function opaqueCursor(max: number, message = 'This page link is not valid; start from the first page.') {
  return z
    .string()
    .max(max, { error: message, abort: true })
    .regex(/^[A-Za-z0-9_-]+$/, message);
}

// ── 3. Dates ──

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

/** True when `date` is a real instant within years 1970–9999 (UTC). */
export function isDateInRange(date: Date): boolean {
  const time = date.getTime();
  if (Number.isNaN(time)) return false;
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** An ISO 8601 date-time with a zone offset, within years 1970–9999. */
export function boundedDateTime(message = `must be a date between ${MIN_YEAR} and ${MAX_YEAR}`) {
  return z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date and time with a zone offset', abort: true })
    .refine((text) => isDateInRange(new Date(text)), message);
}

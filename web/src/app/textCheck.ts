import type { z } from 'zod';

/**
 * Free text checked as people type, against the shared schema the server applies, so
 * the limit shown is the server's own (read from the schema, never copied here) and
 * the message is in words before anything is submitted.
 */
export interface TextCheck {
  /** What is wrong, in a sentence; null when the value would be accepted. */
  error: string | null;
  /** "12 / 1,000 characters" when the schema caps the length ("— too long" past it). */
  counter: string | null;
}

interface Introspectable {
  maxLength?: number | null;
  unwrap?: () => unknown;
}

/** The length cap a shared text schema declares (optional wrappers looked through). */
export function maxLengthOf(schema: z.ZodType): number | null {
  let current = schema as unknown as Introspectable;
  while (current.maxLength === undefined && typeof current.unwrap === 'function') current = current.unwrap() as Introspectable;
  return typeof current.maxLength === 'number' ? current.maxLength : null;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/** zod's messages for our schemas are lower-case clauses ("must be at most…"): make them a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function checkText(value: string, schema: z.ZodType, options: { requiredMessage?: string } = {}): TextCheck {
  const max = maxLengthOf(schema);
  const over = max !== null && value.length > max;
  const counter = max === null ? null : `${count(value.length)} / ${count(max)} characters${over ? ' — too long' : ''}`;
  if (over) return { counter, error: `Too long: ${plural(value.length - max, 'character')} over the limit of ${count(max)}.` };
  if (options.requiredMessage && value.trim() === '') return { counter, error: options.requiredMessage };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { counter, error: null };
  return { counter, error: sentence(parsed.error.issues[0]?.message ?? 'This value is not accepted') };
}

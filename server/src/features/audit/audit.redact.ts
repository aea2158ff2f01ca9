/**
 * What an audit row stores of a value (input, before, after): secrets hidden, and the
 * value bounded so that nothing recursive can overflow the stack and no caller can
 * bloat the append-only log. Every limit leaves a visible marker, never a silent cut.
 */

/** Keys whose values never reach the audit log or the logs, at any depth. */
// Matched on the key's ending, so `totpSecret` and `enrollmentToken` are hidden while
// flags such as `totpEnrolled` stay readable in before/after diffs.
const SECRET_KEY = /(password|secret|token|codes?|cookie|authorization|api[-_]?key)$/i;
/**
 * Codes that name something rather than prove something: a moderation decision's or rule's
 * `reasonCode` (the statement of reasons must show it), an HTTP `statusCode`, a Stripe
 * `failure_code`. Listed one by one so any other "…code" (a TOTP `code`, `currentCode`, an
 * OAuth authorization code) stays hidden by default.
 */
const DESCRIPTIVE_CODE_KEY = /^(reason|status|failure|decline|error|exit|country|currency|postal)_?codes?$/i;
const isSecretKey = (key: string) => SECRET_KEY.test(key) && !DESCRIPTIVE_CODE_KEY.test(key);
export const REDACTED = '[redacted]';

export const MAX_DEPTH = 12;
export const TOO_DEEP = '[too deep]';
export const MAX_STRING_LENGTH = 2000;
export const MAX_KEY_LENGTH = 200;
export const MAX_ENTRIES = 200;
/** What one stored value may hold in all: characters of its strings and keys, plus one per value. */
export const MAX_TOTAL_CHARS = 64_000;
export const TRUNCATED = '[truncated]';

interface Budget {
  chars: number;
}

export function redactSecrets(value: unknown): unknown {
  return redact(value, 0, { chars: MAX_TOTAL_CHARS });
}

function redact(value: unknown, depth: number, budget: Budget): unknown {
  if (budget.chars <= 0) return TRUNCATED;
  // Every value costs one, so a wide and deep tree of numbers is bounded too.
  budget.chars -= 1;
  if (typeof value === 'string') return storableText(value, MAX_STRING_LENGTH, budget);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  // Dates and other objects that say how they serialise (an invalid Date becomes null).
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return redact((value as { toJSON(): unknown }).toJSON(), depth + 1, budget);
  }

  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ENTRIES).map((item) => redact(item, depth + 1, budget) ?? null);
    if (value.length > MAX_ENTRIES) items.push(`[${value.length - MAX_ENTRIES} more items]`);
    return items;
  }
  const entries = Object.entries(value);
  const result: Record<string, unknown> = {};
  let kept = 0;
  for (const [key, inner] of entries) {
    if (kept === MAX_ENTRIES || budget.chars <= 0) break;
    const storedKey = storableText(key, MAX_KEY_LENGTH, budget);
    result[storedKey] = isSecretKey(key) && inner !== undefined && inner !== null ? REDACTED : redact(inner, depth + 1, budget);
    kept += 1;
  }
  if (kept < entries.length) result[TRUNCATED] = `${entries.length - kept} more keys`;
  return result;
}

/**
 * Text jsonb can hold: NUL and lone surrogates become U+FFFD (PostgreSQL refuses both,
 * and a refused audit insert must never be how a request fails), long text is cut.
 */
function storableText(text: string, max: number, budget: Budget): string {
  const allowed = Math.min(max, Math.max(budget.chars, 0));
  const cut = text.length > allowed ? `${text.slice(0, allowed)}… [truncated, ${text.length} characters]` : text;
  budget.chars -= Math.min(text.length, allowed);
  return toWellFormed(cut.replaceAll('\u0000', '\uFFFD'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function toWellFormed(text: string): string {
  const native = (text as { toWellFormed?: () => string }).toWellFormed;
  return typeof native === 'function' ? native.call(text) : text.replace(LONE_SURROGATE, '\uFFFD');
}

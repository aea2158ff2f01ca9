import { safeText } from '@opsdesk/shared';

/**
 * A job's log line goes through the shared safe-text rule (shared/src/text/safeText.ts)
 * like every other free text Opsdesk stores. A job's output is not user input to refuse,
 * so what the rule would reject is replaced first: invalid Unicode made well-formed,
 * control characters (line breaks included: one line is one line) shown as `�`, then
 * capped with a visible ellipsis.
 */
export const LOG_LINE_MAX = 1000;

// The rule's single-line set: C0, DEL, C1 and the bidirectional overrides and isolates.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const logLine = safeText({ max: LOG_LINE_MAX });

export function toLogText(line: string): string {
  let text = wellFormed(line).replace(CONTROL, '\uFFFD').normalize('NFC');
  if (text.length > LOG_LINE_MAX) text = `${text.slice(0, LOG_LINE_MAX - 1)}…`;
  // Cutting may split a surrogate pair; the rule then has the last word.
  const checked = logLine.safeParse(wellFormed(text));
  return checked.success ? checked.data : '(a log line that could not be stored safely)';
}

/** Node 20 has String.prototype.toWellFormed; the ES2023 lib types do not list it. */
function wellFormed(text: string): string {
  return (text as string & { toWellFormed(): string }).toWellFormed();
}

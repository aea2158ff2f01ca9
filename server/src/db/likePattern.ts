/**
 * Text a person typed, made literal inside a LIKE / ILIKE pattern: `%`, `_` and the
 * escape character itself match only themselves (PostgreSQL's default escape is `\`).
 * Without it a search for "100%" or "a_b" matches rows it should not.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%`, literal: rows containing what was typed. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

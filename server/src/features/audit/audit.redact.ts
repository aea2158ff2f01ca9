/** Keys whose values never reach the audit log or the logs, at any depth. */
// Matched on the key's ending, so `totpSecret` and `enrollmentToken` are hidden while
// flags such as `totpEnrolled` stay readable in before/after diffs.
const SECRET_KEY = /(password|secret|token|code|cookie|authorization|api[-_]?key)$/i;
export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] = SECRET_KEY.test(key) && inner !== undefined && inner !== null ? REDACTED : redactSecrets(inner);
  }
  return result;
}

/**
 * Turns an audit row's before/after snapshots into rows a person can read: one per
 * field, marking what was added, removed or changed. Values are shown as text.
 */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const left = asRecord(before);
  const right = asRecord(after);
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields.map((field) => {
    const was = field in left ? formatValue(left[field]) : null;
    const now = field in right ? formatValue(right[field]) : null;
    return { field, before: was, after: now, changed: was !== now };
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return value === null || value === undefined ? {} : { value };
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.length ? value.join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

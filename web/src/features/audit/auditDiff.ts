import { formatValue, humanize, isInternalKey } from '../customers/actions/previewFormat';

/**
 * Turns an audit row's before/after snapshots into rows a person can read: one per
 * field, in words, with money and dates formatted and what changed marked. An action's
 * row keeps the preview as "before" and the result as "after": fields only the preview
 * had are context (what the staff member saw), not removals, so they are set apart.
 */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

export interface AuditChanges {
  changes: FieldChange[];
  /** Fields only the "before" snapshot has, while "after" records something else. */
  context: FieldChange[];
}

export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const { changes, context } = splitChanges(before, after);
  return [...changes, ...context];
}

export function splitChanges(before: unknown, after: unknown): AuditChanges {
  const left = asRecord(before);
  const right = withResultFields(asRecord(after));
  const currency = [right.currency, left.currency].find((value): value is string => typeof value === 'string') ?? null;
  const show = (field: string, value: unknown) => (Array.isArray(value) && value.length === 0 ? '(none)' : formatValue(field, value, currency));
  // A field that is empty in a new record (`archivedAt` of a flag just created) says nothing: no "— → —" row.
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((field) => field in left || (right[field] !== null && right[field] !== undefined));
  const rows = fields.map((field) => {
    const was = field in left ? show(field, left[field]) : null;
    const now = field in right ? show(field, right[field]) : null;
    return { field, label: humanize(field), before: was, after: now, changed: was !== now };
  });
  const afterRecordsSomething = Object.keys(right).length > 0;
  const isContext = (row: FieldChange) => afterRecordsSomething && row.after === null;
  return {
    changes: rows.filter((row) => !isContext(row)).sort((a, b) => Number(b.changed) - Number(a.changed)),
    // Idempotency bookkeeping the preview carried (e.g. `lastUnbannedId`) says nothing to a reader.
    context: rows.filter((row) => isContext(row) && !isInternalKey(row.field)),
  };
}

/** An action's "after" is `{ result: {…}, requestId, … }`: the result's fields are the change itself. */
function withResultFields(after: Record<string, unknown>): Record<string, unknown> {
  const { result, ...rest } = after;
  if (!result || typeof result !== 'object' || Array.isArray(result)) return after;
  return { ...(result as Record<string, unknown>), ...rest };
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return value === null || value === undefined ? {} : { value };
}

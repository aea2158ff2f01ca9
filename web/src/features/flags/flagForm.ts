import { ZFlagCreateRequestSchema, type FlagType, type TFlagCreateRequest } from '@opsdesk/shared/flags/flagsApi.schemas';

/**
 * The create/edit form's values (strings, as typed) and their request: tags are typed
 * as one comma- or space-separated line. Checked with the shared schema the server uses,
 * so the same messages land under the same fields before and after sending.
 */
export interface FlagFormValues {
  key: string;
  description: string;
  type: FlagType;
  ownerId: string;
  tags: string;
}

export type FlagFormErrors = Partial<Record<keyof FlagFormValues, string>>;

export function parseTags(line: string): string[] {
  return [...new Set(line.split(/[\s,]+/).filter(Boolean))];
}

export function flagRequestOf(values: FlagFormValues): TFlagCreateRequest {
  return { key: values.key, description: values.description, type: values.type, ownerId: values.ownerId || null, tags: parseTags(values.tags) };
}

export function checkFlagForm(values: FlagFormValues): { ok: true; request: TFlagCreateRequest } | { ok: false; errors: FlagFormErrors } {
  const request = flagRequestOf(values);
  const parsed = ZFlagCreateRequestSchema.safeParse(request);
  if (parsed.success) return { ok: true, request };
  const errors: FlagFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'key') as keyof FlagFormValues;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * The server's refusal under its field: field errors from the error formatter, else the
 * message's `field: …` prefix, and a taken key (CONFLICT) under Key.
 */
export function serverFieldErrors(data: { code?: string; fieldErrors?: Record<string, string> }, message: string): FlagFormErrors {
  const fields: (keyof FlagFormValues)[] = ['key', 'description', 'type', 'ownerId', 'tags'];
  const errors: FlagFormErrors = {};
  for (const [field, text] of Object.entries(data.fieldErrors ?? {})) {
    const name = field.split('.')[0] as keyof FlagFormValues;
    if (fields.includes(name)) errors[name] ??= text;
  }
  if (Object.keys(errors).length > 0) return errors;
  if (data.code === 'CONFLICT') return { key: message };
  const prefixed = fields.find((field) => message.startsWith(`${field}:`));
  return prefixed ? { [prefixed]: message.slice(prefixed.length + 1).trim() } : {};
}

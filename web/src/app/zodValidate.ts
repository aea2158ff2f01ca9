import type { z } from 'zod';

/**
 * Form-level `validate` for react-admin forms from the shared zod schemas, so a form
 * checks exactly what the server will check. Returns `{ field: message }` (empty: valid).
 */
export function zodValidate(schema: z.ZodType, pick?: (values: Record<string, unknown>) => unknown) {
  return (values: Record<string, unknown>): Record<string, string> => {
    const result = schema.safeParse(pick ? pick(values) : values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
    return errors;
  };
}

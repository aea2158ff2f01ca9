/**
 * The parameter form, built from the action's JSON Schema (runbooks.actions): which field
 * each property gets, and how typed values become the parameters sent. The server parses
 * them with the action's own schema; its messages come back per field (`params.<name>`).
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
}

export type FieldKind = 'number' | 'text' | 'enum' | 'boolean' | 'enumList' | 'numberList' | 'textList';

export interface ParamField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options: string[];
  schema: JsonSchema;
}

/** Form values: text for numbers and lists typed as text, booleans, and chosen options. */
export type FormValues = Record<string, string | boolean | string[]>;

const typeOf = (schema: JsonSchema | undefined) => (Array.isArray(schema?.type) ? schema.type.find((t) => t !== 'null') : schema?.type);

export function fieldsOf(schema: JsonSchema): ParamField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const type = typeOf(property);
    const itemType = typeOf(property.items);
    let kind: FieldKind = 'text';
    if (property.enum) kind = 'enum';
    else if (type === 'integer' || type === 'number') kind = 'number';
    else if (type === 'boolean') kind = 'boolean';
    else if (type === 'array') kind = property.items?.enum ? 'enumList' : itemType === 'integer' || itemType === 'number' ? 'numberList' : 'textList';
    const options = (kind === 'enumList' ? property.items?.enum : property.enum)?.map(String) ?? [];
    return { name, label: property.description ?? property.title ?? humanise(name), kind, required: required.has(name), options, schema: property };
  });
}

export function initialValues(fields: ParamField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const fallback = field.schema.default;
    if (field.kind === 'boolean') values[field.name] = fallback === true;
    else if (field.kind === 'enumList') values[field.name] = Array.isArray(fallback) ? fallback.map(String) : [];
    else if (field.kind === 'numberList' || field.kind === 'textList') values[field.name] = Array.isArray(fallback) ? fallback.join(', ') : '';
    else values[field.name] = fallback === undefined || fallback === null ? '' : String(fallback);
  }
  return values;
}

/** What the form sends: empty optional fields are left out (the server fills defaults). Numbers that are not numbers are sent as typed, so the server names the field. */
export function paramsOf(fields: ParamField[], values: FormValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'boolean') params[field.name] = value === true;
    else if (field.kind === 'enumList') params[field.name] = value;
    else if (typeof value === 'string' && value.trim() !== '') {
      if (field.kind === 'number') params[field.name] = toNumber(value);
      else if (field.kind === 'numberList') params[field.name] = splitList(value).map(toNumber);
      else if (field.kind === 'textList') params[field.name] = splitList(value);
      else params[field.name] = value;
    }
  }
  return params;
}

const splitList = (text: string) => text.split(/[\s,]+/).filter((part) => part !== '');
const toNumber = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text);
const humanise = (name: string) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/**
 * Values prefilled from a link (`?params=<json>`, as an SLO alert's "Open runbook action"
 * builds): keys the action does not have are ignored, and a link whose parameters are
 * not a JSON object leaves the defaults with a notice, so a mangled link never blocks the page.
 */
export function prefilledValues(fields: ParamField[], raw: string | null): { values: FormValues; notice: string | null } {
  const values = initialValues(fields);
  if (raw === null || raw.trim() === '') return { values, notice: null };
  let given: unknown;
  try {
    given = JSON.parse(raw);
  } catch {
    given = undefined;
  }
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    return { values, notice: 'The link’s parameters could not be read, so the form starts from the defaults.' };
  }
  const byName = new Map(fields.map((field) => [field.name, field]));
  for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
    const field = byName.get(name);
    if (field && value !== null && value !== undefined) values[name] = formValueOf(field, value);
  }
  return { values, notice: null };
}

function formValueOf(field: ParamField, value: unknown): FormValues[string] {
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  if (field.kind === 'boolean') return value === true || value === 'true';
  if (field.kind === 'enumList') return list.filter((option) => field.options.includes(option));
  if (field.kind === 'numberList' || field.kind === 'textList') return list.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

import { ZSloWriteSchema, type SloSummary, type TSloWrite } from '@opsdesk/shared';

/**
 * The SLO form's values (as typed) and how they become the request. The shared schema
 * validates in the browser, so the same messages show before and after the server sees
 * it; the server's own field errors come back under the same paths.
 */
export interface SloFormValues {
  service: string;
  name: string;
  description: string;
  sliKind: 'availability' | 'latency';
  thresholdMs: string;
  objectivePercent: string;
  windowDays: '7' | '30';
  minValidRequests: string;
  runbookAction: string;
  /** The action's parameters as a JSON object; `{{service}}` and the like are filled from the alert's labels. */
  runbookParams: string;
  notify: boolean;
  reason: string;
}

export type SloFormErrors = Partial<Record<keyof SloFormValues, string>>;

export const EMPTY_SLO_FORM: SloFormValues = {
  service: '',
  name: '',
  description: '',
  sliKind: 'availability',
  thresholdMs: '300',
  objectivePercent: '99.5',
  windowDays: '7',
  minValidRequests: '100',
  runbookAction: '',
  runbookParams: '{}',
  notify: true,
  reason: '',
};

/** An SLO whose stored definition does not read opens on its name and the defaults: saving it is the repair. */
export function sloFormValuesOf(slo: SloSummary): SloFormValues {
  const { definition, runbook } = slo;
  const kept = { runbookAction: runbook?.action ?? '', runbookParams: JSON.stringify(runbook?.params ?? {}), notify: slo.notify, reason: '' };
  if (!definition) return { ...EMPTY_SLO_FORM, service: slo.service, name: slo.name, ...kept };
  return {
    service: definition.service,
    name: definition.name,
    description: definition.description,
    sliKind: definition.sli.kind,
    thresholdMs: definition.sli.kind === 'latency' ? String(definition.sli.thresholdMs) : EMPTY_SLO_FORM.thresholdMs,
    objectivePercent: String(definition.objectivePercent),
    windowDays: String(definition.windowDays) as SloFormValues['windowDays'],
    minValidRequests: String(definition.minValidRequests),
    ...kept,
  };
}

/** Paths of the request (as zod and the server name them) → the field that shows the message. */
const FIELD_OF_PATH: Record<string, keyof SloFormValues> = {
  'definition.service': 'service',
  'definition.name': 'name',
  'definition.description': 'description',
  'definition.sli': 'sliKind',
  'definition.sli.kind': 'sliKind',
  'definition.sli.thresholdMs': 'thresholdMs',
  'definition.objectivePercent': 'objectivePercent',
  'definition.windowDays': 'windowDays',
  'definition.minValidRequests': 'minValidRequests',
  runbook: 'runbookAction',
  'runbook.action': 'runbookAction',
  'runbook.params': 'runbookParams',
  notify: 'notify',
  reason: 'reason',
};

export function formErrorsOf(fieldErrors: Record<string, string>): SloFormErrors {
  const errors: SloFormErrors = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const field = FIELD_OF_PATH[path] ?? FIELD_OF_PATH[path.split('.').slice(0, 2).join('.')];
    if (field && !errors[field]) errors[field] = message;
  }
  return errors;
}

// Typed text that is not a number goes to zod as text, so the message names the field.
const numberOrText = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text);

function parseParams(text: string): { params: unknown } | { error: string } {
  if (text.trim() === '') return { params: {} };
  try {
    const params: unknown = JSON.parse(text);
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return { error: 'must be a JSON object, e.g. {"minAgeMinutes": 5}' };
    return { params };
  } catch {
    return { error: 'is not valid JSON' };
  }
}

export function sloWriteOf(values: SloFormValues): { ok: true; write: TSloWrite } | { ok: false; errors: SloFormErrors } {
  const params = parseParams(values.runbookParams);
  const action = values.runbookAction.trim();
  const candidate = {
    definition: {
      service: values.service.trim(),
      name: values.name.trim(),
      description: values.description.trim(),
      sli: values.sliKind === 'latency' ? { kind: 'latency', thresholdMs: numberOrText(values.thresholdMs) } : { kind: 'availability' },
      objectivePercent: numberOrText(values.objectivePercent),
      windowDays: Number(values.windowDays),
      minValidRequests: numberOrText(values.minValidRequests),
    },
    runbook: action === '' ? null : { action, params: 'params' in params ? params.params : {} },
    notify: values.notify,
    ...(values.reason.trim() === '' ? {} : { reason: values.reason.trim() }),
  };
  const parsed = ZSloWriteSchema.safeParse(candidate);
  const errors: SloFormErrors = parsed.success ? {} : formErrorsOf(Object.fromEntries(parsed.error.issues.reverse().map((issue) => [issue.path.join('.'), issue.message])));
  if ('error' in params) errors.runbookParams = `Parameters ${params.error}`;
  if (!parsed.success || 'error' in params) return { ok: false, errors };
  return { ok: true, write: parsed.data };
}

import type { TModerationRuleConditions } from '@opsdesk/shared';
import { keywordsFromInput } from './ruleText';

/**
 * The new-rule form's fields as the admin types them, and their conversion to the
 * conditions the server takes (shared ZModerationRuleConditionsSchema). Blank fields are
 * left out, so a rule holds only the conditions the admin filled in; numbers that are not
 * whole numbers are refused here, under their field, before any request. Limits the server
 * checks (RE2 patterns, bounds) come back as field errors mapped by `formFieldOfServerPath`.
 */
export interface TRuleFormValues {
  keywords: string;
  /** One RE2 pattern per line. */
  regexes: string;
  reportsMinCount: string;
  reportsWindowHours: string;
  /** Comma-separated report reason codes. */
  reportReasonCodes: string;
  minDistinctReporters: string;
  /** 0–100, the mean upheld share of the reporters, in per cent. */
  minReporterReliabilityPercent: string;
  authorMaxAgeDays: string;
  authorMinAgeDays: string;
  authorStatuses: TAuthorStatus[];
  plansAnyOf: string[];
  plansNoneOf: string[];
  /** Comma-separated content kinds. */
  contentKinds: string;
}

export type TRuleFormField = keyof TRuleFormValues;
export type TAuthorStatus = NonNullable<NonNullable<TModerationRuleConditions['author']>['statuses']>[number];

export const AUTHOR_STATUS_LABELS: Record<TAuthorStatus, string> = { active: 'Active', suspended: 'Suspended', banned: 'Banned', deleted: 'Deleted' };

export const EMPTY_RULE_FORM: TRuleFormValues = {
  keywords: '',
  regexes: '',
  reportsMinCount: '',
  reportsWindowHours: '',
  reportReasonCodes: '',
  minDistinctReporters: '',
  minReporterReliabilityPercent: '',
  authorMaxAgeDays: '',
  authorMinAgeDays: '',
  authorStatuses: [],
  plansAnyOf: [],
  plansNoneOf: [],
  contentKinds: '',
};

export interface TRuleFormResult {
  /** Undefined while a field is wrong or no condition is given. */
  conditions?: TModerationRuleConditions;
  errors: Partial<Record<TRuleFormField, string>>;
}

type TNumber = { value?: number; error?: string };

function wholeNumber(input: string): TNumber {
  const text = input.trim();
  if (text === '') return {};
  if (!/^\d+$/.test(text)) return { error: 'Enter a whole number' };
  return { value: Number(text) };
}

function percent(input: string): TNumber {
  const text = input.trim();
  if (text === '') return {};
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) > 100) return { error: 'Enter a percentage from 0 to 100' };
  // 0.1 % steps: 57.3 % is 0.573, without floating-point tails such as 0.5730000000000001.
  return { value: Math.round(Number(text) * 10) / 1000 };
}

/** "One\n pattern \n\nper line" → the patterns, trimmed, without blank lines or repeats. */
export function regexesFromInput(input: string): string[] {
  return [...new Set(input.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0))];
}

const unique = <T extends string>(values: readonly T[]): T[] => [...new Set(values)];

export function conditionsFromForm(form: TRuleFormValues): TRuleFormResult {
  const errors: TRuleFormResult['errors'] = {};
  const conditions: TModerationRuleConditions = {};
  const numberOf = (field: TRuleFormField, parsed: TNumber) => {
    if (parsed.error) errors[field] = parsed.error;
    return parsed.value;
  };

  const keywords = keywordsFromInput(form.keywords);
  if (keywords.length > 0) conditions.keywords = keywords;
  const regexes = regexesFromInput(form.regexes);
  if (regexes.length > 0) conditions.regexes = regexes;

  const minCount = numberOf('reportsMinCount', wholeNumber(form.reportsMinCount));
  const windowHours = numberOf('reportsWindowHours', wholeNumber(form.reportsWindowHours));
  const reasonCodes = keywordsFromInput(form.reportReasonCodes);
  const minDistinctReporters = numberOf('minDistinctReporters', wholeNumber(form.minDistinctReporters));
  const minReporterReliability = numberOf('minReporterReliabilityPercent', percent(form.minReporterReliabilityPercent));
  const reportDetails = reasonCodes.length > 0 || minDistinctReporters !== undefined || minReporterReliability !== undefined;
  if (minCount !== undefined && windowHours !== undefined) {
    conditions.reports = {
      minCount,
      windowHours,
      ...(reasonCodes.length > 0 && { reasonCodes }),
      ...(minDistinctReporters !== undefined && { minDistinctReporters }),
      ...(minReporterReliability !== undefined && { minReporterReliability }),
    };
  } else if (minCount !== undefined || windowHours !== undefined || reportDetails) {
    // Reports count only within a window: either half alone is not a condition.
    if (minCount === undefined) errors.reportsMinCount ??= 'Give the number of reports';
    if (windowHours === undefined) errors.reportsWindowHours ??= 'Give the window in hours';
  }

  const maxAccountAgeDays = numberOf('authorMaxAgeDays', wholeNumber(form.authorMaxAgeDays));
  const minAccountAgeDays = numberOf('authorMinAgeDays', wholeNumber(form.authorMinAgeDays));
  const statuses = unique(form.authorStatuses);
  if (maxAccountAgeDays !== undefined || minAccountAgeDays !== undefined || statuses.length > 0) {
    conditions.author = {
      ...(maxAccountAgeDays !== undefined && { maxAccountAgeDays }),
      ...(minAccountAgeDays !== undefined && { minAccountAgeDays }),
      ...(statuses.length > 0 && { statuses }),
    };
  }

  const anyOf = unique(form.plansAnyOf);
  const noneOf = unique(form.plansNoneOf);
  if (anyOf.length > 0 || noneOf.length > 0) conditions.plans = { ...(anyOf.length > 0 && { anyOf }), ...(noneOf.length > 0 && { noneOf }) };

  const contentKinds = keywordsFromInput(form.contentKinds);
  if (contentKinds.length > 0) conditions.contentKinds = contentKinds;

  if (Object.keys(errors).length > 0 || Object.keys(conditions).length === 0) return { errors };
  return { conditions, errors };
}

const SERVER_FIELDS: Record<string, TRuleFormField> = {
  keywords: 'keywords',
  regexes: 'regexes',
  'reports.minCount': 'reportsMinCount',
  'reports.windowHours': 'reportsWindowHours',
  'reports.reasonCodes': 'reportReasonCodes',
  'reports.minDistinctReporters': 'minDistinctReporters',
  'reports.minReporterReliability': 'minReporterReliabilityPercent',
  'author.maxAccountAgeDays': 'authorMaxAgeDays',
  'author.minAccountAgeDays': 'authorMinAgeDays',
  'author.statuses': 'authorStatuses',
  author: 'authorStatuses',
  'plans.anyOf': 'plansAnyOf',
  'plans.noneOf': 'plansNoneOf',
  plans: 'plansAnyOf',
  contentKinds: 'contentKinds',
};

/**
 * The form field a server field error belongs to: "conditions.regexes.1" → regexes (the
 * item's index dropped), "conditions.reports.windowHours" → reportsWindowHours.
 */
export function formFieldOfServerPath(path: string): TRuleFormField | undefined {
  const parts = path.split('.');
  if (parts[0] !== 'conditions') return undefined;
  const named = parts.slice(1).filter((part) => !/^\d+$/.test(part));
  for (let length = named.length; length > 0; length--) {
    const field = SERVER_FIELDS[named.slice(0, length).join('.')];
    if (field) return field;
  }
  return undefined;
}

/** Server field errors (`fieldErrors` of a refused request) per form field; the first one of a field wins. */
export function formErrorsOfServer(fieldErrors: Record<string, string> | undefined): Partial<Record<TRuleFormField, string>> {
  const errors: Partial<Record<TRuleFormField, string>> = {};
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    const field = formFieldOfServerPath(path);
    if (field) errors[field] ??= message;
  }
  return errors;
}

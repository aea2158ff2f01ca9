import type { FlagConstraint, FlagStrategy } from '@opsdesk/shared/flags/flags.schemas';
import { FLAG_CONTEXT_FIELDS, targetingToConstraints, type TFlagTargeting } from '@opsdesk/shared/flags/targeting';

/**
 * A strategy as its form edits it, and back. Opsdesk targeting (plans, statuses,
 * countries, signup days) is read out of the strategy's constraints when they have the
 * exact shape `targetingToConstraints` writes, so a strategy saved from the form opens in
 * the same fields; every other constraint is a raw row. Fields the form does not edit
 * (ids, titles, strategy variants, unknown parameters, unknown strategies) are carried
 * through unchanged, so opening and saving never loses what an import put there.
 */
export type StrategyKind = 'default' | 'userWithId' | 'flexibleRollout' | 'remoteAddress' | 'other';
export const EDITABLE_KINDS = ['default', 'userWithId', 'flexibleRollout', 'remoteAddress'] as const;

export interface TConstraintRow {
  contextName: string;
  operator: string;
  /** One value per line (or comma separated) for list operators; the single value otherwise. */
  values: string;
  inverted: boolean;
  caseInsensitive: boolean;
}

export interface TTargetingForm {
  plans: string[];
  subscriptionStatuses: string[];
  countries: string[];
  /** YYYY-MM-DD or ''. */
  signupFrom: string;
  signupTo: string;
}

export interface TStrategyForm {
  kind: StrategyKind;
  /** The strategy as loaded: what the form does not edit is kept from it. */
  original: FlagStrategy | null;
  rollout: number;
  stickiness: string;
  groupId: string;
  userIds: string;
  ips: string;
  targeting: TTargetingForm;
  constraints: TConstraintRow[];
  segments: number[];
  disabled: boolean;
}

/** Operators comparing against a list of values; the others take one value. */
export const LIST_OPERATORS = new Set(['IN', 'NOT_IN', 'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'IN_CIDR']);
/** Only string operators honour `caseInsensitive` (and REGEX). */
export const CASE_OPERATORS = new Set(['STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'REGEX']);

export const emptyTargeting = (): TTargetingForm => ({ plans: [], subscriptionStatuses: [], countries: [], signupFrom: '', signupTo: '' });

export function newStrategyForm(kind: StrategyKind, flagKey: string): TStrategyForm {
  return { kind, original: null, rollout: kind === 'flexibleRollout' ? 10 : 100, stickiness: 'default', groupId: flagKey, userIds: '', ips: '', targeting: emptyTargeting(), constraints: [], segments: [], disabled: false };
}

export const splitList = (text: string) => text.split(/[\n,]/).map((value) => value.trim()).filter(Boolean);

function kindOf(name: string): StrategyKind {
  return (EDITABLE_KINDS as readonly string[]).includes(name) ? (name as StrategyKind) : 'other';
}

const isPlainIn = (c: FlagConstraint, field: string) => c.contextName === field && c.operator === 'IN' && !c.inverted && !c.caseInsensitive && c.value === undefined && (c.values?.length ?? 0) > 0;
const dayOf = (value: string | undefined) => (value && /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : null);

/** Splits constraints into Opsdesk targeting (first match per field) and raw rows. */
export function splitConstraints(constraints: readonly FlagConstraint[]): { targeting: TTargetingForm; rows: TConstraintRow[] } {
  const targeting = emptyTargeting();
  const rows: TConstraintRow[] = [];
  const f = FLAG_CONTEXT_FIELDS;
  for (const c of constraints) {
    const signupDay = c.contextName === f.signupDate && !c.inverted && c.values === undefined ? dayOf(c.value) : null;
    if (isPlainIn(c, f.plan) && targeting.plans.length === 0) targeting.plans = [...c.values!];
    else if (isPlainIn(c, f.subscriptionStatus) && targeting.subscriptionStatuses.length === 0) targeting.subscriptionStatuses = [...c.values!];
    else if (isPlainIn(c, f.country) && targeting.countries.length === 0 && c.values!.every((v) => /^[A-Z]{2}$/.test(v))) targeting.countries = [...c.values!];
    else if (signupDay && c.operator === 'NUM_GTE' && !targeting.signupFrom) targeting.signupFrom = signupDay;
    else if (signupDay && c.operator === 'NUM_LTE' && !targeting.signupTo) targeting.signupTo = signupDay;
    else rows.push(constraintToRow(c));
  }
  return { targeting, rows };
}

function constraintToRow(c: FlagConstraint): TConstraintRow {
  const values = LIST_OPERATORS.has(c.operator) ? (c.values ?? []).join('\n') : (c.value ?? c.values?.[0] ?? '');
  return { contextName: c.contextName, operator: c.operator, values, inverted: c.inverted === true, caseInsensitive: c.caseInsensitive === true };
}

export function rowToConstraint(row: TConstraintRow): FlagConstraint {
  const list = LIST_OPERATORS.has(row.operator);
  return {
    contextName: row.contextName.trim(),
    operator: row.operator,
    ...(list ? { values: splitList(row.values) } : { value: row.values.trim() }),
    ...(row.inverted ? { inverted: true } : {}),
    ...(row.caseInsensitive && CASE_OPERATORS.has(row.operator) ? { caseInsensitive: true } : {}),
  };
}

export function targetingFormToShared(form: TTargetingForm): TFlagTargeting {
  return {
    ...(form.plans.length ? { plans: form.plans } : {}),
    ...(form.subscriptionStatuses.length ? { subscriptionStatuses: form.subscriptionStatuses as TFlagTargeting['subscriptionStatuses'] } : {}),
    ...(form.countries.length ? { countries: form.countries.map((code) => code.toUpperCase()) } : {}),
    ...(form.signupFrom || form.signupTo ? { signupDate: { ...(form.signupFrom ? { from: form.signupFrom } : {}), ...(form.signupTo ? { to: form.signupTo } : {}) } } : {}),
  };
}

export function strategyToForm(strategy: FlagStrategy, flagKey: string): TStrategyForm {
  const p = strategy.parameters ?? {};
  const { targeting, rows } = splitConstraints(strategy.constraints ?? []);
  return {
    kind: kindOf(strategy.name),
    original: strategy,
    rollout: Number(p.rollout ?? 100) || 0,
    stickiness: p.stickiness || 'default',
    groupId: p.groupId ?? flagKey,
    userIds: splitList(p.userIds ?? '').join('\n'),
    ips: splitList(p.IPs ?? '').join('\n'),
    targeting,
    constraints: rows,
    segments: [...(strategy.segments ?? [])],
    disabled: strategy.disabled === true,
  };
}

function parametersOf(form: TStrategyForm): Record<string, string> | undefined {
  switch (form.kind) {
    case 'default':
      return undefined;
    case 'userWithId':
      return { userIds: splitList(form.userIds).join(',') };
    case 'flexibleRollout':
      return { rollout: String(form.rollout), stickiness: form.stickiness || 'default', groupId: form.groupId };
    case 'remoteAddress':
      return { IPs: splitList(form.ips).join(',') };
    default:
      return form.original?.parameters;
  }
}

export function formToStrategy(form: TStrategyForm): FlagStrategy {
  const { name: originalName, parameters: _p, constraints: _c, segments: _s, disabled: _d, ...kept } = form.original ?? { name: form.kind };
  const name = form.kind === 'other' ? originalName : form.kind;
  const parameters = parametersOf(form);
  const constraints = [...targetingToConstraints(targetingFormToShared(form.targeting)), ...form.constraints.map(rowToConstraint)];
  return {
    ...kept,
    name,
    ...(parameters ? { parameters } : {}),
    ...(constraints.length ? { constraints } : {}),
    ...(form.segments.length ? { segments: form.segments } : {}),
    ...(form.disabled ? { disabled: true } : {}),
  };
}

/** A sentence per problem the server would refuse, so Save and the preview wait for a valid form. */
export function strategyFormProblems(form: TStrategyForm): string[] {
  const problems: string[] = [];
  if (form.kind === 'flexibleRollout') {
    if (!Number.isInteger(form.rollout) || form.rollout < 0 || form.rollout > 100) problems.push('The rollout must be a whole number from 0 to 100.');
    if (!form.groupId.trim()) problems.push('The group id must not be empty.');
  }
  if (form.kind === 'userWithId' && splitList(form.userIds).length === 0) problems.push('List at least one user id.');
  if (form.kind === 'remoteAddress' && splitList(form.ips).length === 0) problems.push('List at least one IP address or range.');
  if (form.targeting.countries.some((code) => !/^[A-Za-z]{2}$/.test(code))) problems.push('Countries are two-letter codes, e.g. NO.');
  if (form.targeting.signupFrom && form.targeting.signupTo && form.targeting.signupFrom > form.targeting.signupTo) problems.push('The first signup day must not be after the last.');
  form.constraints.forEach((row, index) => {
    if (!row.contextName.trim()) problems.push(`Condition ${index + 1}: choose a context field.`);
    if (!LIST_OPERATORS.has(row.operator) && !row.values.trim()) problems.push(`Condition ${index + 1}: enter a value.`);
    if (LIST_OPERATORS.has(row.operator) && splitList(row.values).length === 0) problems.push(`Condition ${index + 1}: enter at least one value.`);
  });
  return problems;
}


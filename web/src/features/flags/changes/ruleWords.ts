import type { FlagConstraint, FlagStrategy, FlagVariant } from '@opsdesk/shared/flags/flags.schemas';
import { FLAG_CONTEXT_FIELDS } from '@opsdesk/shared/flags/targeting';
import { planLabel } from '../../../app/productWords';

/**
 * Flag rules in words, for the editor's summaries, the change dialog and the approval
 * page: "Gradual rollout 10 % of users where plan is Pro". What a person approves must be
 * readable without knowing Unleash's JSON.
 */
const OPERATOR_WORDS: Record<string, string> = {
  IN: 'is',
  NOT_IN: 'is not',
  STR_CONTAINS: 'contains',
  STR_STARTS_WITH: 'starts with',
  STR_ENDS_WITH: 'ends with',
  NUM_EQ: '=',
  NUM_GT: '>',
  NUM_GTE: '≥',
  NUM_LT: '<',
  NUM_LTE: '≤',
  DATE_AFTER: 'is after',
  DATE_BEFORE: 'is before',
  SEMVER_EQ: 'is version',
  SEMVER_GT: 'is a version after',
  SEMVER_GTE: 'is version or after',
  SEMVER_LT: 'is a version before',
  SEMVER_LTE: 'is version or before',
  REGEX: 'matches',
  IN_CIDR: 'is in range',
};

const FIELD_WORDS: Record<string, string> = {
  [FLAG_CONTEXT_FIELDS.user]: 'user id',
  [FLAG_CONTEXT_FIELDS.workspace]: 'workspace',
  [FLAG_CONTEXT_FIELDS.plan]: 'plan',
  [FLAG_CONTEXT_FIELDS.subscriptionStatus]: 'subscription status',
  [FLAG_CONTEXT_FIELDS.country]: 'country',
  [FLAG_CONTEXT_FIELDS.signupDate]: 'signup day',
  currentTime: 'the time',
};

/** "a, b or c", with at most `max` named. */
export function listInWords(values: readonly string[], joiner = 'or', max = 5): string {
  if (values.length === 0) return '(nothing)';
  if (values.length > max) return `${values.slice(0, max).join(', ')} ${joiner} ${values.length - max} more`;
  if (values.length === 1) return values[0]!;
  return `${values.slice(0, -1).join(', ')} ${joiner} ${values.at(-1)}`;
}

const dayFromNumber = (value: string | undefined) => (value && /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : value);

export function constraintInWords(c: FlagConstraint): string {
  const field = FIELD_WORDS[c.contextName] ?? c.contextName;
  const operator = OPERATOR_WORDS[c.operator];
  if (!operator) return `${field} ${c.operator} (unknown operator: never matches)`;
  let text: string;
  if (c.contextName === FLAG_CONTEXT_FIELDS.signupDate && (c.operator === 'NUM_GTE' || c.operator === 'NUM_LTE')) {
    text = `signed up ${c.operator === 'NUM_GTE' ? 'on or after' : 'on or before'} ${dayFromNumber(c.value)}`;
  } else {
    const values = c.values ?? (c.value !== undefined ? [c.value] : []);
    const shown = c.contextName === FLAG_CONTEXT_FIELDS.plan ? values.map(planLabel) : values;
    text = `${field} ${operator} ${listInWords(shown)}`;
  }
  if (c.caseInsensitive) text += ' (any case)';
  return c.inverted ? `not (${text})` : text;
}

function stickinessWords(stickiness: string | undefined): string {
  if (!stickiness || stickiness === 'default' || stickiness === 'userId') return 'of users';
  if (stickiness === 'sessionId') return 'of sessions';
  if (stickiness === 'random') return 'at random';
  return `by ${stickiness}`;
}

function activationInWords(strategy: FlagStrategy): string {
  const p = strategy.parameters ?? {};
  const list = (text: string | undefined) => (text ? text.split(/\s*,\s*/).filter(Boolean) : []);
  switch (strategy.name) {
    case 'default':
      return 'Everyone';
    case 'userWithId':
      return `Specific users: ${listInWords(list(p.userIds), 'and')}`;
    case 'flexibleRollout':
      return `Gradual rollout ${Number(p.rollout ?? 0)} % ${stickinessWords(p.stickiness)}`;
    case 'gradualRolloutUserId':
      return `Gradual rollout ${Number(p.percentage ?? 0)} % of users (legacy)`;
    case 'gradualRolloutSessionId':
      return `Gradual rollout ${Number(p.percentage ?? 0)} % of sessions (legacy)`;
    case 'gradualRolloutRandom':
      return `${Number(p.percentage ?? 0)} % at random (legacy)`;
    case 'remoteAddress':
      return `IP addresses ${listInWords(list(p.IPs), 'and')}`;
    default:
      return `Custom strategy "${strategy.name}" (Opsdesk never turns it on)`;
  }
}

export function strategyInWords(strategy: FlagStrategy, segmentNames: ReadonlyMap<number, string> = new Map()): string {
  const conditions = (strategy.constraints ?? []).map(constraintInWords);
  for (const id of strategy.segments ?? []) conditions.push(`in segment ${segmentNames.get(id) ?? `#${id}`}`);
  const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  return `${activationInWords(strategy)}${where}${strategy.disabled ? ' (disabled: skipped)' : ''}`;
}

/** Weights are out of 1000 in Unleash: "blue 50 %, green 50 %". */
export function variantsInWords(variants: readonly FlagVariant[]): string {
  if (variants.length === 0) return 'No variants';
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  return variants.map((v) => `${v.name} ${percentOf(v.weight, total)}`).join(', ');
}

export function percentOf(weight: number, total: number): string {
  if (total <= 0) return '0 %';
  const share = (weight / total) * 100;
  return `${Number.isInteger(share) ? share : share.toFixed(1)} %`;
}

/** Everything one environment serves, as lines. */
export function rulesInWords(rules: { enabled: boolean; strategies: readonly FlagStrategy[]; variants: readonly FlagVariant[] }, segmentNames?: ReadonlyMap<number, string>): string[] {
  const lines = [rules.enabled ? 'On' : 'Off'];
  if (rules.strategies.length === 0) lines.push(rules.enabled ? 'No strategies: on for everyone' : 'No strategies');
  rules.strategies.forEach((s, index) => lines.push(`${index + 1}. ${strategyInWords(s, segmentNames)}`));
  if (rules.variants.length) lines.push(`Variants: ${variantsInWords(rules.variants)}`);
  return lines;
}

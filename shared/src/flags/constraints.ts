import { Address4, type Address6 } from 'ip-address';
import { parseAddress4, parseAddress6 } from './addresses.js';
import { RE2JS } from 're2js';
import semver from 'semver';
import { resolveContextValue } from './context.js';
import type { FlagConstraint, FlagContext } from './flags.schemas.js';

/**
 * Constraints compiled once into predicates, with unleash-client's semantics operator by
 * operator (its `strategy.js`): values are trimmed and empty ones dropped; a missing
 * context value fails every operator but `NOT_IN`; an unknown operator is false even when
 * inverted. Regexes are RE2 (linear time, RE2 syntax) like unleash-client's `re2js`, so a
 * ruleset cannot make evaluation backtrack for seconds.
 */

export interface EvaluationInput {
  context: FlagContext;
  /** For `DATE_*` when the context has no `currentTime`. */
  now: () => Date;
  random: () => number;
}

export type ConstraintPredicate = (input: EvaluationInput) => boolean;

const NEVER: ConstraintPredicate = () => false;

const cleanValues = (values: readonly string[] | undefined) => (values ?? []).filter((value) => !!value).map((value) => value.trim());

/** Lower-casing without the host locale, so browser and server agree. */
const lower = (text: string) => text.toLowerCase();

function inOperator(constraint: FlagConstraint): ConstraintPredicate {
  const values = new Set(cleanValues(constraint.values));
  const wantIn = constraint.operator === 'IN';
  return ({ context }) => {
    const value = resolveContextValue(context, constraint.contextName);
    return (value !== undefined && values.has(value)) === wantIn;
  };
}

function stringOperator(constraint: FlagConstraint): ConstraintPredicate {
  const caseInsensitive = constraint.caseInsensitive === true;
  const values = cleanValues(constraint.values).map((value) => (caseInsensitive ? lower(value) : value));
  const test =
    constraint.operator === 'STR_STARTS_WITH'
      ? (text: string, value: string) => text.startsWith(value)
      : constraint.operator === 'STR_ENDS_WITH'
        ? (text: string, value: string) => text.endsWith(value)
        : (text: string, value: string) => text.includes(value);
  return ({ context }) => {
    const raw = resolveContextValue(context, constraint.contextName);
    if (raw === undefined) return false;
    const text = caseInsensitive ? lower(raw) : raw;
    return values.some((value) => test(text, value));
  };
}

function numberOperator(constraint: FlagConstraint): ConstraintPredicate {
  const target = Number(constraint.value);
  if (Number.isNaN(target)) return NEVER;
  const compare: (n: number) => boolean = {
    NUM_EQ: (n: number) => n === target,
    NUM_GT: (n: number) => n > target,
    NUM_GTE: (n: number) => n >= target,
    NUM_LT: (n: number) => n < target,
    NUM_LTE: (n: number) => n <= target,
  }[constraint.operator as 'NUM_EQ'];
  return ({ context }) => {
    const value = Number(resolveContextValue(context, constraint.contextName));
    return !Number.isNaN(value) && compare(value);
  };
}

/** Unleash's `DATE_*` compare the context's `currentTime` (or now), whatever `contextName` says. */
function dateOperator(constraint: FlagConstraint): ConstraintPredicate {
  const target = new Date(constraint.value as string).getTime();
  const after = constraint.operator === 'DATE_AFTER';
  return ({ context, now }) => {
    const current = context.currentTime ? new Date(context.currentTime).getTime() : now().getTime();
    return after ? current > target : current < target;
  };
}

function semverOperator(constraint: FlagConstraint): ConstraintPredicate {
  let target: semver.SemVer;
  try {
    target = new semver.SemVer(constraint.value as string);
  } catch {
    return NEVER;
  }
  const accept: (order: number) => boolean = {
    SEMVER_EQ: (order: number) => order === 0,
    SEMVER_GT: (order: number) => order > 0,
    SEMVER_GTE: (order: number) => order >= 0,
    SEMVER_LT: (order: number) => order < 0,
    SEMVER_LTE: (order: number) => order <= 0,
  }[constraint.operator as 'SEMVER_EQ'];
  return ({ context }) => {
    const value = resolveContextValue(context, constraint.contextName);
    // A leading `v` is not a version to Unleash, though `semver` would accept it.
    if (!value || value.startsWith('v') || !semver.valid(value)) return false;
    return accept(semver.compare(value, target));
  };
}

function regexOperator(constraint: FlagConstraint): ConstraintPredicate {
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(constraint.value as string, constraint.caseInsensitive ? RE2JS.CASE_INSENSITIVE : undefined);
  } catch {
    return NEVER;
  }
  return ({ context }) => {
    const value = resolveContextValue(context, constraint.contextName);
    return value !== undefined && regex.matcher(value).find();
  };
}

type AnyAddress = Address4 | Address6;

function parseRanges<A extends AnyAddress>(values: string[], parse: (text: string) => A | null) {
  return values.flatMap((text) => {
    const range = parse(text);
    return range ? [{ range, exact: range.correctForm() }] : [];
  });
}

function cidrOperator(constraint: FlagConstraint): ConstraintPredicate {
  const values = cleanValues(constraint.values);
  const v4 = parseRanges(values, parseAddress4);
  const v6 = parseRanges(values, parseAddress6);
  // One remembered parse: one caller asks about the same address many times in a row.
  let last: { text: string; address: AnyAddress | null; form: string } | undefined;
  return ({ context }) => {
    const text = resolveContextValue(context, constraint.contextName);
    if (text === undefined) return false;
    if (last?.text !== text) {
      const address = parseAddress4(text) ?? parseAddress6(text);
      last = { text, address, form: address?.correctForm() ?? '' };
    }
    const { address, form } = last;
    if (address === null) return false;
    const ranges = address instanceof Address4 ? v4 : v6;
    return ranges.some(({ range, exact }) => form === exact || address.isInSubnet(range));
  };
}

const OPERATORS: Record<string, (constraint: FlagConstraint) => ConstraintPredicate> = {
  IN: inOperator,
  NOT_IN: inOperator,
  STR_CONTAINS: stringOperator,
  STR_STARTS_WITH: stringOperator,
  STR_ENDS_WITH: stringOperator,
  NUM_EQ: numberOperator,
  NUM_GT: numberOperator,
  NUM_GTE: numberOperator,
  NUM_LT: numberOperator,
  NUM_LTE: numberOperator,
  DATE_AFTER: dateOperator,
  DATE_BEFORE: dateOperator,
  SEMVER_EQ: semverOperator,
  SEMVER_GT: semverOperator,
  SEMVER_GTE: semverOperator,
  SEMVER_LT: semverOperator,
  SEMVER_LTE: semverOperator,
  REGEX: regexOperator,
  IN_CIDR: cidrOperator,
};

/** A constraint as a predicate; `undefined` (a segment id no segment has) is never met. */
export function compileConstraint(constraint: FlagConstraint | undefined): ConstraintPredicate {
  const build = constraint && Object.hasOwn(OPERATORS, constraint.operator) ? OPERATORS[constraint.operator] : undefined;
  if (!constraint || !build) return NEVER;
  const predicate = build(constraint);
  return constraint.inverted ? (input) => !predicate(input) : predicate;
}

/** All of them must hold (an empty list holds). */
export function compileConstraints(constraints: readonly (FlagConstraint | undefined)[]): ConstraintPredicate {
  const predicates = constraints.map(compileConstraint);
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0]!;
  return (input) => predicates.every((predicate) => predicate(input));
}

import type { FlagConstraint, FlagStrategy, FlagVariant } from '@opsdesk/shared';

/**
 * A person's identifiers taken out of targeting, for a GDPR erasure (docs/gdpr.md, "The
 * data map"; the queries and the step are in flagSubjectErasure.service.ts). Pure: rules
 * in, rules out, with a tally. Only list values are touched — constraint `values`,
 * variant override `values` and the `userIds` parameter (userWithId) — and only values
 * equal to an identifier once trimmed and lower-cased, as the evaluator trims them; an
 * `@example.com` suffix or a regex is not the person and stays.
 *
 * A list the removal empties is kept, empty, never dropped with its constraint: the
 * evaluator (shared/src/flags/constraints.ts, as unleash-client) answers false for `IN`
 * an empty list and for the string operators over none, and the userWithId strategy with
 * no ids is never active, so a strategy that targeted only this person now targets no
 * one. Dropping the constraint instead would make that strategy match everyone. `NOT_IN`
 * (or an inverted list) emptied holds for everyone, as it already did for everyone but
 * the person. Every list emptied is counted, so the erasure's log, ledger and the flag's
 * history say so, and the console's form asks for a value before the rule is saved again.
 */
export interface TargetingRemoval {
  valuesRemoved: number;
  listsEmptied: number;
}

export type NamesSubject = (value: string) => boolean;

const normalised = (value: string) => value.trim().toLowerCase();

/** True for a value equal to one of the identifiers (trimmed, case-insensitive). */
export function subjectMatcher(identifiers: readonly string[]): NamesSubject {
  const names = new Set(identifiers.map(normalised).filter((name) => name !== ''));
  return (value) => names.has(normalised(value));
}

function withoutSubject(values: readonly string[], names: NamesSubject, tally: TargetingRemoval): string[] {
  const kept = values.filter((value) => !names(value));
  tally.valuesRemoved += values.length - kept.length;
  if (kept.length === 0 && values.length > 0) tally.listsEmptied++;
  return kept;
}

export function constraintsWithoutSubject(constraints: FlagConstraint[], names: NamesSubject, tally: TargetingRemoval): FlagConstraint[] {
  return constraints.map((constraint) => (constraint.values?.some(names) ? { ...constraint, values: withoutSubject(constraint.values, names, tally) } : constraint));
}

export function variantsWithoutSubject(variants: FlagVariant[], names: NamesSubject, tally: TargetingRemoval): FlagVariant[] {
  return variants.map((variant) =>
    variant.overrides?.some((override) => override.values.some(names))
      ? { ...variant, overrides: variant.overrides.map((override) => (override.values.some(names) ? { ...override, values: withoutSubject(override.values, names, tally) } : override)) }
      : variant,
  );
}

/** userWithId's comma list (split as the evaluator splits it). */
function userIdsWithoutSubject(text: string, names: NamesSubject, tally: TargetingRemoval): string {
  const ids = text.split(/\s*,\s*/);
  return ids.some(names) ? withoutSubject(ids, names, tally).join(',') : text;
}

export function strategiesWithoutSubject(strategies: FlagStrategy[], names: NamesSubject, tally: TargetingRemoval): FlagStrategy[] {
  return strategies.map((strategy) => {
    const { constraints, variants, parameters } = strategy;
    const userIds = parameters?.userIds;
    return {
      ...strategy,
      ...(constraints && { constraints: constraintsWithoutSubject(constraints, names, tally) }),
      ...(variants && { variants: variantsWithoutSubject(variants, names, tally) }),
      ...(userIds && { parameters: { ...parameters, userIds: userIdsWithoutSubject(userIds, names, tally) } }),
    };
  });
}

export const noRemoval = (): TargetingRemoval => ({ valuesRemoved: 0, listsEmptied: 0 });

/** True for a text (a reason, a comment, a row's JSON) that mentions one of the identifiers. */
export type MentionsSubject = (text: string) => boolean;

/** What an identifier is made of (emails, uuids, cus_… ids), so `ann@x.test` is not found inside `joann@x.test`. */
const ID_CHAR = String.raw`[\p{L}\p{N}_%+@-]`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Free text is not a list of values: an identifier is found inside it, in any case, when
 * it stands as a whole token (a trailing full stop ends it, a dot inside goes on).
 */
export function subjectMentioner(identifiers: readonly string[]): MentionsSubject {
  const names = [...new Set(identifiers.map(normalised).filter((name) => name !== ''))];
  if (names.length === 0) return () => false;
  const pattern = new RegExp(`(?<!${ID_CHAR}|\\.)(?:${names.map(escapeRegExp).join('|')})(?!${ID_CHAR}|\\.${ID_CHAR})`, 'iu');
  return (text) => pattern.test(text);
}

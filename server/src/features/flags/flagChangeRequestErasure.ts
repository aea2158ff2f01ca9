import type { FlagStrategy, FlagVariant } from '@opsdesk/shared';
import { strategiesWithoutSubject, variantsWithoutSubject, type MentionsSubject, type NamesSubject, type TargetingRemoval } from './flagSubjectErasure.js';

/**
 * A stored flag change request (ops.action_requests, `flags.changeEnvironment`) without
 * the person, for a GDPR erasure (flagSubjectErasure.service.ts runs it). Pure, like
 * flagSubjectErasure.ts, whose functions rewrite the rules here too, so an approver sees
 * and applies the proposal exactly as the live rules now read: the input's rules, the
 * preview's `before` and `after`, and an executed request's `result`. The impact
 * preview's sample drops the person's account (its name goes with it); its counts stay,
 * they are about no one. A reason or comment that mentions them becomes `[erased]`, as
 * the data map masks the requests about them. Each value, account and text removed is
 * counted once per copy the request holds.
 */
export interface StoredFlagChange {
  input: unknown;
  preview: unknown;
  result: unknown;
  reason: string | null;
  decisionComment: string | null;
}

const ERASED_TEXT = '[erased]';

type Rules = { strategies?: unknown; variants?: unknown };
type SampleAccount = { userId?: unknown; email?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object holding rules (input, before, after, result), with theirs rewritten; anything else as it is. */
function rulesWithoutSubject<T>(holder: T, names: NamesSubject, tally: TargetingRemoval): T {
  if (!isObject(holder)) return holder;
  const { strategies, variants } = holder as Rules;
  return {
    ...holder,
    ...(Array.isArray(strategies) && { strategies: strategiesWithoutSubject(strategies as FlagStrategy[], names, tally) }),
    ...(Array.isArray(variants) && { variants: variantsWithoutSubject(variants as FlagVariant[], names, tally) }),
  };
}

function textWithoutSubject(text: string | null, mentions: MentionsSubject, tally: TargetingRemoval): string | null {
  if (text === null || !mentions(text)) return text;
  tally.valuesRemoved++;
  return ERASED_TEXT;
}

function inputWithoutSubject(input: unknown, names: NamesSubject, mentions: MentionsSubject, tally: TargetingRemoval): unknown {
  const rules = rulesWithoutSubject(input, names, tally);
  if (!isObject(rules) || typeof rules.reason !== 'string') return rules;
  return { ...rules, reason: textWithoutSubject(rules.reason, mentions, tally) };
}

function impactWithoutSubject(impact: unknown, names: NamesSubject, tally: TargetingRemoval): unknown {
  if (!isObject(impact) || !Array.isArray(impact.sample)) return impact;
  const isThem = (account: SampleAccount) => [account.userId, account.email].some((value) => typeof value === 'string' && names(value));
  const sample = (impact.sample as SampleAccount[]).filter((account) => !isThem(account));
  tally.valuesRemoved += impact.sample.length - sample.length;
  return { ...impact, sample };
}

function previewWithoutSubject(preview: unknown, names: NamesSubject, tally: TargetingRemoval): unknown {
  if (!isObject(preview)) return preview;
  return {
    ...preview,
    before: rulesWithoutSubject(preview.before, names, tally),
    after: rulesWithoutSubject(preview.after, names, tally),
    impact: impactWithoutSubject(preview.impact, names, tally),
  };
}

export function flagChangeWithoutSubject(stored: StoredFlagChange, names: NamesSubject, mentions: MentionsSubject, tally: TargetingRemoval): StoredFlagChange {
  return {
    input: inputWithoutSubject(stored.input, names, mentions, tally),
    preview: previewWithoutSubject(stored.preview, names, tally),
    result: rulesWithoutSubject(stored.result, names, tally),
    reason: textWithoutSubject(stored.reason, mentions, tally),
    decisionComment: textWithoutSubject(stored.decisionComment, mentions, tally),
  };
}

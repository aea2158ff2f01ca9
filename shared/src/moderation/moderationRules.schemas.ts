import { RE2JS } from 're2js';
import { z } from 'zod';
import { opaqueCursor, safeText } from '../text/safeText.js';

/**
 * Contracts of the auto-moderation rules (docs/moderation.md, "Auto-moderation rules").
 * A rule is a set of conditions that must all hold (keywords, RE2 regexes, reports and
 * reporter mix within a window, author age and status, plan, content kind), an action and
 * a mode: `shadow` records what it would have done, `live` does it. Every list is bounded
 * and every regex is compiled here as RE2 (linear time), so a rule cannot make the
 * matcher backtrack for seconds; the server compiles the same way.
 */

export const MODERATION_RULE_ACTIONS = ['label', 'hide_pending_review', 'raise_priority', 'open_queue_entry'] as const;
export type TModerationRuleAction = (typeof MODERATION_RULE_ACTIONS)[number];

export const MODERATION_RULE_MODES = ['shadow', 'live'] as const;
export type TModerationRuleMode = (typeof MODERATION_RULE_MODES)[number];

export const MODERATION_RULE_VERDICTS = ['agreed', 'disagreed'] as const;
export type TModerationRuleVerdict = (typeof MODERATION_RULE_VERDICTS)[number];

const AUTHOR_STATUSES = ['active', 'suspended', 'banned', 'deleted'] as const;
/** The longest report window and dry run: the matcher never loads more history than this. */
export const MODERATION_RULE_MAX_WINDOW_DAYS = 30;
/** Each regex is at most this long; RE2 also caps its compiled program size. */
const MAX_REGEX_LENGTH = 300;

const ZToken = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lower-case code');

/**
 * RE2's matching time is linear in the text times the compiled program's size
 * (`[a-z]{1000}x` is 1,003 instructions and takes ~0.6 s over 20,000 characters), so
 * patterns are capped by program size, each and per rule, not only by length.
 */
export const MODERATION_RULE_MAX_PATTERN_SIZE = 200;
export const MODERATION_RULE_MAX_PATTERNS_SIZE = 800;

/** The RE2 program size of `pattern` (case-insensitive, as the matcher runs it), or null when RE2 cannot run it (back-references, look-arounds, syntax errors). */
export function re2ProgramSize(pattern: string): number | null {
  try {
    return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE).programSize();
  } catch {
    return null;
  }
}

const ZKeyword = safeText({ max: 100, min: 1, minMessage: 'A keyword cannot be empty' });
const ZRegex = safeText({ max: MAX_REGEX_LENGTH, min: 1, minMessage: 'A pattern cannot be empty' })
  .refine((pattern) => re2ProgramSize(pattern) !== null, { error: 'must be an RE2 regular expression (no back-references or look-arounds)', abort: true })
  .refine((pattern) => re2ProgramSize(pattern)! <= MODERATION_RULE_MAX_PATTERN_SIZE, {
    error: `is too complex: large repetitions such as {1000} make matching slow (at most ${MODERATION_RULE_MAX_PATTERN_SIZE} RE2 instructions)`,
  });

export const ZModerationRuleConditionsSchema = z
  .strictObject({
    /** Whole words or phrases, case-insensitive, in the title or body (literal text, not patterns). Any one matches. */
    keywords: z.array(ZKeyword).min(1).max(200).optional(),
    /** RE2 patterns, case-insensitive, on the title and body. Any one matches. */
    regexes: z
      .array(ZRegex)
      .min(1)
      .max(20)
      .refine((patterns) => patterns.reduce((sum, pattern) => sum + (re2ProgramSize(pattern) ?? 0), 0) <= MODERATION_RULE_MAX_PATTERNS_SIZE, {
        error: `are too complex together (at most ${MODERATION_RULE_MAX_PATTERNS_SIZE} RE2 instructions per rule); split them over rules`,
      })
      .optional(),
    /** Reports on the item within the last `windowHours` (optionally only these reasons). */
    reports: z
      .strictObject({
        windowHours: z.number().int().min(1).max(MODERATION_RULE_MAX_WINDOW_DAYS * 24),
        minCount: z.number().int().min(1).max(100_000),
        reasonCodes: z.array(ZToken).min(1).max(20).optional(),
        minDistinctReporters: z.number().int().min(1).max(100_000).optional(),
        /** The mean reliability (upheld share, 0–1) of those reports' reporters at least this. */
        minReporterReliability: z.number().min(0).max(1).optional(),
      })
      .optional(),
    author: z
      .strictObject({
        maxAccountAgeDays: z.number().int().min(0).max(36_500).optional(),
        minAccountAgeDays: z.number().int().min(0).max(36_500).optional(),
        statuses: z.array(z.enum(AUTHOR_STATUSES)).min(1).max(AUTHOR_STATUSES.length).optional(),
      })
      .refine((a) => a.maxAccountAgeDays !== undefined || a.minAccountAgeDays !== undefined || a.statuses !== undefined, 'Give an account age or a status')
      .optional(),
    /** Plans of the author's workspaces and of the content's workspace; "none" when there is none. */
    plans: z
      .strictObject({ anyOf: z.array(ZToken).min(1).max(20).optional(), noneOf: z.array(ZToken).min(1).max(20).optional() })
      .refine((p) => p.anyOf !== undefined || p.noneOf !== undefined, 'Give plans to match or to exclude')
      .optional(),
    contentKinds: z.array(ZToken).min(1).max(20).optional(),
  })
  .refine((c) => Object.values(c).some((value) => value !== undefined), 'A rule needs at least one condition');
export type TModerationRuleConditions = z.output<typeof ZModerationRuleConditionsSchema>;

const ZRuleId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a rule id');
const ZRuleName = safeText({ max: 120, min: 1, minMessage: 'Name the rule' });
const ZReason = safeText({ max: 1000, min: 1, minMessage: 'Give a reason', multiline: true });

export const ZModerationRuleCreateRequestSchema = z.strictObject({
  name: ZRuleName,
  description: safeText({ max: 1000, multiline: true }).optional(),
  conditions: ZModerationRuleConditionsSchema,
  action: z.enum(MODERATION_RULE_ACTIONS),
  /** The policy code a hit is filed under (queue group and severity of entries the rule opens). */
  reasonCode: ZToken.default('other'),
  /** New rules start in shadow mode unless asked otherwise. */
  mode: z.enum(MODERATION_RULE_MODES).default('shadow'),
  enabled: z.boolean().default(true),
  reason: ZReason,
});
export type TModerationRuleCreateRequest = z.input<typeof ZModerationRuleCreateRequestSchema>;

/** Optimistic: `revision` is the one the editor saw; a concurrent edit answers 409. */
export const ZModerationRuleUpdateRequestSchema = z.strictObject({
  id: ZRuleId,
  revision: z.number().int().min(1),
  name: ZRuleName.optional(),
  description: safeText({ max: 1000, multiline: true }).optional(),
  conditions: ZModerationRuleConditionsSchema.optional(),
  action: z.enum(MODERATION_RULE_ACTIONS).optional(),
  reasonCode: ZToken.optional(),
  enabled: z.boolean().optional(),
  reason: ZReason,
});
export type TModerationRuleUpdateRequest = z.input<typeof ZModerationRuleUpdateRequestSchema>;

export const ZModerationRuleSetModeRequestSchema = z.strictObject({ id: ZRuleId, mode: z.enum(MODERATION_RULE_MODES), reason: ZReason });
export const ZModerationRuleGetRequestSchema = z.strictObject({ id: ZRuleId });
export const ZModerationRuleListRequestSchema = z.strictObject({ includeDisabled: z.boolean().default(true) });

/** Try conditions (a saved rule's, or unsaved ones from the form) against the last N days of content. */
export const ZModerationRuleDryRunRequestSchema = z
  .strictObject({
    id: ZRuleId.optional(),
    conditions: ZModerationRuleConditionsSchema.optional(),
    days: z.number().int().min(1).max(MODERATION_RULE_MAX_WINDOW_DAYS).default(7),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((r) => (r.id === undefined) !== (r.conditions === undefined), 'Give either a rule id or conditions');
export type TModerationRuleDryRunRequest = z.input<typeof ZModerationRuleDryRunRequestSchema>;

export const ZModerationRuleHitsRequestSchema = z.strictObject({
  id: ZRuleId,
  mode: z.enum(MODERATION_RULE_MODES).optional(),
  cursor: opaqueCursor(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TModerationRuleHitsRequest = z.input<typeof ZModerationRuleHitsRequestSchema>;

import { z } from 'zod';
import { hasControlCharacters, isWellFormedText, safeText } from '../text/safeText.js';

/**
 * A flag ruleset in Unleash's client-API shape (`GET /api/client/features`: `features`
 * and `segments`), so Unleash SDKs, Unleash exports and Opsdesk's evaluator read the same
 * document. Zod only: the console reuses it for forms.
 *
 * Objects are strict but list every field Unleash sends today (ids, titles, sort orders,
 * timestamps); the evaluator reads only the fields that decide an answer. Every list and
 * string is capped, so a hostile import is a clear validation error, not a huge ruleset.
 */

export const FLAG_LIMITS = {
  features: 5_000,
  segments: 1_000,
  strategiesPerFeature: 50,
  constraintsPerStrategy: 100,
  valuesPerConstraint: 10_000,
  variantsPerList: 100,
  dependenciesPerFeature: 20,
  nameLength: 255,
  valueLength: 1_000,
  payloadLength: 65_536,
  parameterLength: 100_000,
} as const;

/**
 * Names are keys: capped and free of control characters and lone surrogates, but never
 * trimmed or normalised (spec 18 has UTF-8 flag names; `é` composed and decomposed are
 * two flags to Unleash, and must stay so here).
 */
export const ZFlagName = z
  .string()
  .min(1, 'must not be empty')
  .max(FLAG_LIMITS.nameLength, { error: `must be at most ${FLAG_LIMITS.nameLength} characters`, abort: true })
  .refine(isWellFormedText, { error: 'must not contain invalid Unicode (a lone surrogate)', abort: true })
  .refine((text) => !hasControlCharacters(text), 'must not contain control characters');

const ZConstraintValue = z
  .string()
  .max(FLAG_LIMITS.valueLength, `must be at most ${FLAG_LIMITS.valueLength} characters`)
  .refine(isWellFormedText, 'must not contain invalid Unicode (a lone surrogate)');

const ZDescription = safeText({ max: 2_000, multiline: true }).nullish();
const ZTimestamp = z.string().max(64).nullish();

/** Known operators; any other string still parses and evaluates false (Unleash's rule). */
export const FLAG_OPERATORS = [
  'IN', 'NOT_IN',
  'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH',
  'NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE',
  'DATE_AFTER', 'DATE_BEFORE',
  'SEMVER_EQ', 'SEMVER_GT', 'SEMVER_GTE', 'SEMVER_LT', 'SEMVER_LTE',
  'REGEX', 'IN_CIDR',
] as const;
export type FlagOperator = (typeof FLAG_OPERATORS)[number];

export const ZFlagConstraintSchema = z.strictObject({
  contextName: ZFlagName,
  operator: z.string().min(1).max(64),
  values: z.array(ZConstraintValue).max(FLAG_LIMITS.valuesPerConstraint).optional(),
  value: ZConstraintValue.optional(),
  inverted: z.boolean().optional(),
  caseInsensitive: z.boolean().optional(),
});
export type FlagConstraint = z.infer<typeof ZFlagConstraintSchema>;

export const ZFlagPayloadSchema = z.strictObject({
  type: z.string().min(1).max(32),
  value: z.string().max(FLAG_LIMITS.payloadLength),
});
export type FlagPayload = z.infer<typeof ZFlagPayloadSchema>;

export const ZFlagOverrideSchema = z.strictObject({
  contextName: ZFlagName,
  values: z.array(ZConstraintValue).max(FLAG_LIMITS.valuesPerConstraint),
});

/** Feature variants carry overrides; strategy variants do not (Unleash ignores them there). */
export const ZFlagVariantSchema = z.strictObject({
  name: ZFlagName,
  weight: z.number().int().min(0).max(100_000),
  weightType: z.enum(['variable', 'fix']).optional(),
  stickiness: ZFlagName.optional(),
  payload: ZFlagPayloadSchema.optional(),
  overrides: z.array(ZFlagOverrideSchema).max(FLAG_LIMITS.variantsPerList).optional(),
});
export type FlagVariant = z.infer<typeof ZFlagVariantSchema>;

/** Unleash sends parameters as strings; old exports have numbers (`percentage: 50`), kept as text. */
const ZParameterValue = z
  .union([z.string().max(FLAG_LIMITS.parameterLength), z.number().finite(), z.boolean()])
  .transform((value) => String(value));

export const ZFlagStrategySchema = z.strictObject({
  id: z.string().max(64).optional(),
  name: ZFlagName,
  title: safeText({ max: 255 }).nullish(),
  /** Unleash never serves a disabled strategy to its SDKs; Opsdesk skips one likewise. */
  disabled: z.boolean().nullish(),
  sortOrder: z.number().int().optional(),
  parameters: z.record(ZFlagName, ZParameterValue).optional(),
  constraints: z.array(ZFlagConstraintSchema).max(FLAG_LIMITS.constraintsPerStrategy).optional(),
  segments: z.array(z.number().int().min(0).max(2_147_483_647)).max(FLAG_LIMITS.constraintsPerStrategy).optional(),
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).optional(),
});
export type FlagStrategy = z.infer<typeof ZFlagStrategySchema>;

export const ZFlagDependencySchema = z.strictObject({
  feature: ZFlagName,
  enabled: z.boolean().optional(),
  variants: z.array(ZFlagName).max(FLAG_LIMITS.variantsPerList).optional(),
});
export type FlagDependency = z.infer<typeof ZFlagDependencySchema>;

export const ZFlagFeatureSchema = z.strictObject({
  name: ZFlagName,
  enabled: z.boolean(),
  type: z.string().max(64).optional(),
  description: ZDescription,
  project: z.string().max(255).optional(),
  stale: z.boolean().optional(),
  impressionData: z.boolean().optional(),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  strategies: z.array(ZFlagStrategySchema).max(FLAG_LIMITS.strategiesPerFeature).default([]),
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).optional(),
  dependencies: z.array(ZFlagDependencySchema).max(FLAG_LIMITS.dependenciesPerFeature).optional(),
  /** Present in some exports and in the specification's states; strategies carry the segments that apply. */
  segments: z.array(z.number().int()).max(FLAG_LIMITS.constraintsPerStrategy).nullish(),
});
export type FlagFeature = z.infer<typeof ZFlagFeatureSchema>;

export const ZFlagSegmentSchema = z.strictObject({
  id: z.number().int().min(0).max(2_147_483_647),
  name: safeText({ max: 255 }).nullish(),
  description: ZDescription,
  project: z.string().max(255).nullish(),
  createdAt: ZTimestamp,
  createdBy: z.string().max(255).nullish(),
  constraints: z.array(ZFlagConstraintSchema).max(FLAG_LIMITS.constraintsPerStrategy).default([]),
});
export type FlagSegment = z.infer<typeof ZFlagSegmentSchema>;

/** The client-API document: `{ version, features, segments? }` (`query`/`meta` are echoed by Unleash and ignored). */
export const ZFlagRulesetSchema = z
  .strictObject({
    version: z.number().int().min(1).max(100).default(2),
    features: z.array(ZFlagFeatureSchema).max(FLAG_LIMITS.features),
    segments: z.array(ZFlagSegmentSchema).max(FLAG_LIMITS.segments).optional(),
    query: z.record(z.string().max(64), z.unknown()).optional(),
    meta: z.record(z.string().max(64), z.unknown()).optional(),
  })
  .superRefine((ruleset, ctx) => {
    const seen = new Set<string>();
    ruleset.features.forEach((feature, index) => {
      if (seen.has(feature.name)) ctx.addIssue({ code: 'custom', path: ['features', index, 'name'], message: 'two features have this name' });
      seen.add(feature.name);
    });
  });
export type FlagRuleset = z.infer<typeof ZFlagRulesetSchema>;
/** What callers may hand in before defaults are applied (e.g. a spec state). */
export type FlagRulesetInput = z.input<typeof ZFlagRulesetSchema>;

// ── Evaluation context ──

const ZContextText = z.string().max(FLAG_LIMITS.valueLength);

/**
 * Unleash's context: the standard fields, plus `properties` for anything else. A
 * constraint's `contextName` reads the standard field of that name, else `properties[name]`.
 */
export const ZFlagContextSchema = z.strictObject({
  userId: ZContextText.optional(),
  sessionId: ZContextText.optional(),
  remoteAddress: ZContextText.optional(),
  environment: ZContextText.optional(),
  appName: ZContextText.optional(),
  currentTime: ZContextText.optional(),
  properties: z
    .record(ZFlagName, z.union([ZContextText, z.number().finite(), z.boolean()]).nullable())
    .refine((record) => Object.keys(record).length <= 100, 'at most 100 properties')
    .optional(),
});
export type TFlagContext = z.infer<typeof ZFlagContextSchema>;

/** What the evaluator accepts (a superset of the schema's output: `currentTime` may be a Date). */
export interface FlagContext {
  userId?: string | undefined;
  sessionId?: string | undefined;
  remoteAddress?: string | undefined;
  environment?: string | undefined;
  appName?: string | undefined;
  currentTime?: string | Date | undefined;
  properties?: Record<string, string | number | boolean | null | undefined> | undefined;
  [field: string]: unknown;
}

import { z } from 'zod';
import { safeText } from '../text/safeText.js';
import { FLAG_LIMITS, ZFlagContextSchema, ZFlagName, ZFlagStrategySchema, ZFlagVariantSchema } from './flags.schemas.js';

/**
 * Contracts of the flags router and the evaluation API (docs/flags.md, "Serving flags").
 * Zod only, so the console reuses them for its forms. Strategies and variants are the
 * shared Unleash-shaped schemas: what is stored is what the client API serves.
 */

export const FLAG_TYPES = ['release', 'experiment', 'operational', 'kill-switch', 'permission'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];
export const ZFlagType = z.enum(FLAG_TYPES);

/** Days without a change after which a flag of this type is stale; null: never stale. */
export const FLAG_STALE_AFTER_DAYS: Record<FlagType, number | null> = {
  release: 40,
  experiment: 40,
  operational: 7,
  'kill-switch': null,
  permission: null,
};

export const ZFlagEnvironmentName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be an environment name (lower case, e.g. production)');
const ZTag = z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,49}$/, 'tags are lower case letters, digits and : . _ -');
const ZDescription = safeText({ max: 2_000, multiline: true });

export const ZFlagKeyRequestSchema = z.strictObject({ key: ZFlagName });

export const ZFlagListRequestSchema = z.strictObject({
  type: ZFlagType.optional(),
  ownerId: z.uuid().optional(),
  /** With `state`: flags on (or off) in this environment. */
  environment: ZFlagEnvironmentName.optional(),
  state: z.enum(['on', 'off']).optional(),
  stale: z.boolean().optional(),
  includeArchived: z.boolean().default(false),
  search: safeText({ max: 100 }).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type TFlagListRequest = z.input<typeof ZFlagListRequestSchema>;

export const ZFlagCreateRequestSchema = z.strictObject({
  key: ZFlagName,
  description: ZDescription.default(''),
  type: ZFlagType,
  ownerId: z.uuid().nullable().default(null),
  tags: z.array(ZTag).max(20).default([]),
});
export type TFlagCreateRequest = z.input<typeof ZFlagCreateRequestSchema>;

export const ZFlagUpdateRequestSchema = z.strictObject({
  key: ZFlagName,
  description: ZDescription.optional(),
  type: ZFlagType.optional(),
  ownerId: z.uuid().nullable().optional(),
  tags: z.array(ZTag).max(20).optional(),
});

export const ZFlagSetEnvironmentRequestSchema = z.strictObject({
  key: ZFlagName,
  environment: ZFlagEnvironmentName,
  enabled: z.boolean(),
  strategies: z.array(ZFlagStrategySchema).max(FLAG_LIMITS.strategiesPerFeature),
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).default([]),
  /** The environment's revision the editor saw: a change made meanwhile is a conflict, not overwritten. */
  expectedRevision: z.number().int().min(0).optional(),
});
export type TFlagSetEnvironmentRequest = z.input<typeof ZFlagSetEnvironmentRequestSchema>;

export const ZFlagApiKeyCreateRequestSchema = z.strictObject({
  environment: ZFlagEnvironmentName,
  name: safeText({ max: 100, min: 1 }),
});
export const ZFlagApiKeyRevokeRequestSchema = z.strictObject({ id: z.uuid() });

/** `POST /api/flags/evaluate`: one context, every flag or the named ones. */
export const ZFlagEvaluateRequestSchema = z.strictObject({
  context: ZFlagContextSchema.default({}),
  flags: z.array(ZFlagName).min(1).max(1_000).optional(),
});
export type TFlagEvaluateRequest = z.input<typeof ZFlagEvaluateRequestSchema>;

/**
 * `flags.previewImpact`: a proposed state of one flag in one environment (the same fields
 * `setEnvironment` saves), compared with the current one over every product account.
 */
export const ZFlagImpactRequestSchema = z.strictObject({
  key: ZFlagName,
  environment: ZFlagEnvironmentName,
  enabled: z.boolean(),
  strategies: z.array(ZFlagStrategySchema).max(FLAG_LIMITS.strategiesPerFeature),
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).default([]),
});
export type TFlagImpactRequest = z.input<typeof ZFlagImpactRequestSchema>;

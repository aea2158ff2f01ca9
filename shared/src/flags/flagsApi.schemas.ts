import { z } from 'zod';
import { safeText } from '../text/safeText.js';
import { ZActionFields } from '../customers/actions.schemas.js';
import { FLAG_LIMITS, ZFlagConstraintSchema, ZFlagContextSchema, ZFlagDependencySchema, ZFlagName, ZFlagStrategySchema, ZFlagVariantSchema, type FlagStrategy, type FlagVariant } from './flags.schemas.js';

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
  /** Parent flags this one needs (Unleash's `dependencies`); replaces the list. Unknown parents and cycles are refused. */
  dependencies: z.array(ZFlagDependencySchema).max(FLAG_LIMITS.dependenciesPerFeature).optional(),
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

/** What an impact preview answers (flags.previewImpact, and inside a change request's preview). */
export type FlagImpactChange = 'offToOn' | 'onToOff' | 'variantChanged';
export interface TFlagImpact {
  key: string;
  environment: string;
  /** Product accounts (users) evaluated. */
  accounts: number;
  offToOn: number;
  onToOff: number;
  variantChanged: number;
  unchanged: number;
  /** Stripe customers with MRR behind the flipped accounts, each counted once. */
  payingCustomersAffected: number;
  mrrAffectedCents: number;
  /** The revenue currency MRR is counted in. */
  currency: string;
  sample: { userId: string; email: string; name: string; plan: string | null; change: FlagImpactChange; before: string; after: string }[];
  /** When the accounts evaluated were read (a preview may answer from a recent snapshot of them). */
  asOf?: string;
}

/**
 * `flags.previewChange` / `flags.requestChange`: a change to one environment of a flag as a
 * staff action, on the four-eyes machinery customers' actions use (docs/flags.md,
 * "Approvals"). The revision is required: the request is bound to the state it was made
 * against, and is stale (refused when approved) if the flag changed meanwhile.
 */
export const ZFlagChangeRequestSchema = ZActionFields.extend({
  key: ZFlagName,
  environment: ZFlagEnvironmentName,
  enabled: z.boolean(),
  strategies: z.array(ZFlagStrategySchema).max(FLAG_LIMITS.strategiesPerFeature),
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).default([]),
  expectedRevision: z.number().int().min(0),
});
export type TFlagChangeRequest = z.input<typeof ZFlagChangeRequestSchema>;

/** One environment's rules as stored and served. */
export interface TFlagEnvironmentRules {
  enabled: boolean;
  strategies: FlagStrategy[];
  variants: FlagVariant[];
}

/** The preview of a change request: the exact diff the approver decides on, and its impact. */
export interface TFlagChangePreview {
  key: string;
  environment: string;
  flagType: FlagType;
  /** The environment's revision the change was made against. */
  revision: number;
  before: TFlagEnvironmentRules;
  after: TFlagEnvironmentRules;
  impact: TFlagImpact;
}

/** `flags.history`: the audited changes of one flag, newest first, keyset-paged. */
export const ZFlagHistoryRequestSchema = z.strictObject({
  key: ZFlagName,
  environment: ZFlagEnvironmentName.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type TFlagHistoryRequest = z.input<typeof ZFlagHistoryRequestSchema>;
export interface TFlagHistoryEntry {
  id: string;
  at: string;
  /** The audit action, e.g. `flags.environment_changed`. */
  action: string;
  /** The environment changed, or null for the flag itself (description, owner, tags…). */
  environment: string | null;
  actor: { name: string; email: string } | null;
  /** Who approved it, when the change went through a request. */
  approver: { name: string; email: string } | null;
  before: unknown;
  after: unknown;
}
export interface TFlagHistoryPage {
  entries: TFlagHistoryEntry[];
  nextCursor: string | null;
}

/** `flags.metrics`: evaluation counts the product reported (`POST /api/client/metrics`), per hour. */
export const ZFlagMetricsRequestSchema = z.strictObject({
  key: ZFlagName,
  environment: ZFlagEnvironmentName.optional(),
  hours: z.number().int().min(1).max(24 * 30).default(24 * 7),
});
export type TFlagMetricsRequest = z.input<typeof ZFlagMetricsRequestSchema>;
export interface TFlagMetrics {
  key: string;
  buckets: { hour: string; environment: string; yes: number; no: number; variants: Record<string, number> }[];
  totals: { yes: number; no: number };
  /** When the product last reported, or null if it never has. */
  lastReportedAt: string | null;
}

/** Segments (shared constraint lists strategies refer to by id), edited by flags.edit. */
export const ZFlagSegmentUpsertRequestSchema = z.strictObject({
  id: z.number().int().min(1).optional(),
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'segment names are letters, digits and . _ -'),
  description: ZDescription.default(''),
  constraints: z.array(ZFlagConstraintSchema).max(FLAG_LIMITS.constraintsPerStrategy),
});
export type TFlagSegmentUpsertRequest = z.input<typeof ZFlagSegmentUpsertRequestSchema>;

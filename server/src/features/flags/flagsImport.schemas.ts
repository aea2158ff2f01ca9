import { z } from 'zod';
import {
  FLAG_LIMITS,
  ZFlagDependencySchema,
  ZFlagFeatureSchema,
  ZFlagName,
  ZFlagSegmentSchema,
  ZFlagStrategySchema,
  ZFlagVariantSchema,
} from '@opsdesk/shared/flags/flags.schemas';

/**
 * What `flags import` reads (docs/flags.md, "Import and export"): the client-API document
 * (`{ version, features, segments }`, what `flags export` and `GET /api/client/features`
 * write, validated by the shared ZFlagRulesetSchema), or Unleash's admin export
 * (`{ features, featureStrategies, featureEnvironments, segments, featureTags,
 * dependencies, … }`, its environment export since 4.22 and the older state export).
 *
 * In the admin shape only the fields Opsdesk keeps are read (the shared schemas' fields,
 * so a hostile file is still a validation error); other fields of an item (Unleash adds
 * some in most releases) are dropped, and the top-level sections Opsdesk has no use for
 * (context fields, tag types, projects, links…) are accepted and ignored.
 */
const MAX_ITEMS = FLAG_LIMITS.features * 10;
const ignored = z.array(z.unknown()).max(MAX_ITEMS).optional();

const ZAdminFeature = z.object({
  name: ZFlagName,
  description: ZFlagFeatureSchema.shape.description,
  type: z.string().max(64).optional(),
  archived: z.boolean().optional(),
  createdAt: ZFlagFeatureSchema.shape.createdAt,
  /** The state export (Unleash 3–4) also kept variants on the feature. */
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).nullish(),
});

const ZAdminStrategy = z.object({
  ...ZFlagStrategySchema.shape,
  featureName: ZFlagName,
  /** The state export lists every environment's strategies; the environment export, one's. */
  environment: z.string().max(255).optional(),
  segments: ZFlagStrategySchema.shape.segments.nullish(),
});

const ZAdminFeatureEnvironment = z.object({
  featureName: ZFlagName,
  environment: z.string().max(255).optional(),
  enabled: z.boolean(),
  variants: z.array(ZFlagVariantSchema).max(FLAG_LIMITS.variantsPerList).nullish(),
});

export const ZUnleashAdminExportSchema = z.strictObject({
  version: z.number().int().min(1).max(100).optional(),
  features: z.array(ZAdminFeature).max(FLAG_LIMITS.features),
  featureStrategies: z.array(ZAdminStrategy).max(MAX_ITEMS),
  featureEnvironments: z.array(ZAdminFeatureEnvironment).max(MAX_ITEMS).optional(),
  segments: z.array(z.object(ZFlagSegmentSchema.shape)).max(FLAG_LIMITS.segments).optional(),
  /** The state export's link table between strategies and segments. */
  featureStrategySegments: z.array(z.object({ featureStrategyId: z.string().max(64), segmentId: z.number().int() })).max(MAX_ITEMS).optional(),
  featureTags: z.array(z.object({ featureName: ZFlagName, tagType: z.string().max(255).optional(), type: z.string().max(255).optional(), tagValue: z.string().max(255).optional(), value: z.string().max(255).optional() })).max(MAX_ITEMS).optional(),
  dependencies: z.array(z.object({ feature: ZFlagName, dependencies: z.array(ZFlagDependencySchema).max(FLAG_LIMITS.dependenciesPerFeature) })).max(FLAG_LIMITS.features).optional(),
  contextFields: ignored,
  tagTypes: ignored,
  tags: ignored,
  strategies: ignored,
  projects: ignored,
  environments: ignored,
  links: ignored,
});
export type UnleashAdminExport = z.infer<typeof ZUnleashAdminExportSchema>;

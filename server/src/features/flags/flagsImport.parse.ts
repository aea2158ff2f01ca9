import type { z } from 'zod';
import { ZFlagRulesetSchema, type FlagConstraint, type FlagDependency, type FlagStrategy, type FlagVariant } from '@opsdesk/shared';
import { FLAG_TYPES, type FlagType } from '@opsdesk/shared/flags/flagsApi.schemas';
import { ZUnleashAdminExportSchema, type UnleashAdminExport } from './flagsImport.schemas.js';

/**
 * Reads an import file into one shape, whichever of the two it came in: the flags (with
 * one environment's state) and the segments they use, segment ids still the file's own.
 */
export interface ImportedFlag {
  key: string;
  description: string;
  type: FlagType;
  createdAt: Date | null;
  tags: string[];
  dependencies: FlagDependency[];
  enabled: boolean;
  strategies: FlagStrategy[];
  variants: FlagVariant[];
}
export interface ImportedSegment {
  fileId: number;
  name: string;
  description: string;
  constraints: FlagConstraint[];
  createdAt: Date | null;
}
export interface ImportPlan {
  shape: 'client-api' | 'unleash-admin';
  flags: ImportedFlag[];
  segments: ImportedSegment[];
  notes: string[];
}

export class ImportFileError extends Error {}

const TAG = /^[a-z0-9][a-z0-9:._-]{0,49}$/;
const SEGMENT_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ');
}

function dateOrNull(text: string | null | undefined): Date | null {
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** Unleash's five types are Opsdesk's; anything else (a custom type) becomes a release flag, said in the notes. */
function flagType(type: string | undefined, key: string, notes: string[]): FlagType {
  if (type === undefined || (FLAG_TYPES as readonly string[]).includes(type)) return (type ?? 'release') as FlagType;
  notes.push(`${key}: type "${type}" is not an Opsdesk type; imported as release.`);
  return 'release';
}

function segmentName(name: string | null | undefined, fileId: number): string {
  if (name && SEGMENT_NAME.test(name)) return name;
  const cleaned = (name ?? '').replace(/[^a-z0-9._-]+/gi, '-').replace(/^[^a-z0-9]+/i, '').slice(0, 100);
  return cleaned || `segment-${fileId}`;
}

function withoutNulls(strategy: Omit<FlagStrategy, 'segments'> & { segments?: number[] | null | undefined }): FlagStrategy {
  const { segments, ...rest } = strategy;
  return { ...rest, ...(segments && segments.length > 0 ? { segments } : {}) };
}

export function parseImportFile(value: unknown, fromEnvironment: string): ImportPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ImportFileError('The file is not a JSON object.');
  if ('featureStrategies' in value) {
    const parsed = ZUnleashAdminExportSchema.safeParse(value);
    if (!parsed.success) throw new ImportFileError(`Not a valid Unleash export: ${describeIssues(parsed.error)}`);
    return fromAdminExport(parsed.data, fromEnvironment);
  }
  const parsed = ZFlagRulesetSchema.safeParse(value);
  if (!parsed.success) throw new ImportFileError(`Not a valid client-API document: ${describeIssues(parsed.error)}`);
  const notes: string[] = [];
  return {
    shape: 'client-api',
    notes,
    flags: parsed.data.features.map((feature) => ({
      key: feature.name,
      description: feature.description ?? '',
      type: flagType(feature.type, feature.name, notes),
      createdAt: dateOrNull(feature.createdAt),
      tags: [],
      dependencies: feature.dependencies ?? [],
      enabled: feature.enabled,
      strategies: feature.strategies.map(withoutNulls),
      variants: feature.variants ?? [],
    })),
    segments: (parsed.data.segments ?? []).map((segment) => ({
      fileId: segment.id,
      name: segmentName(segment.name, segment.id),
      description: segment.description ?? '',
      constraints: segment.constraints,
      createdAt: dateOrNull(segment.createdAt),
    })),
  };
}

function fromAdminExport(file: UnleashAdminExport, fromEnvironment: string): ImportPlan {
  const notes: string[] = [];
  const inEnvironment = (item: { environment?: string | undefined }) => item.environment === undefined || item.environment === fromEnvironment;
  const strategySegments = new Map<string, number[]>();
  for (const link of file.featureStrategySegments ?? []) strategySegments.set(link.featureStrategyId, [...(strategySegments.get(link.featureStrategyId) ?? []), link.segmentId]);
  const names = new Set(file.features.map((feature) => feature.name));
  for (const strategy of file.featureStrategies) if (!names.has(strategy.featureName)) throw new ImportFileError(`featureStrategies: "${strategy.featureName}" is not in features.`);

  const flags = file.features.flatMap((feature): ImportedFlag[] => {
    if (feature.archived) {
      notes.push(`${feature.name}: archived in Unleash; not imported.`);
      return [];
    }
    const environment = (file.featureEnvironments ?? []).find((state) => state.featureName === feature.name && inEnvironment(state));
    const strategies = file.featureStrategies
      .filter((strategy) => strategy.featureName === feature.name && inEnvironment(strategy))
      .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
      .map(({ featureName: _feature, environment: _environment, ...strategy }) => withoutNulls({ ...strategy, segments: strategy.segments ?? (strategy.id ? strategySegments.get(strategy.id) : undefined) ?? null }));
    const tags = (file.featureTags ?? [])
      .filter((tag) => tag.featureName === feature.name)
      .map((tag) => `${tag.tagType ?? tag.type ?? 'simple'}:${tag.tagValue ?? tag.value ?? ''}`.toLowerCase())
      .filter((tag) => {
        if (!TAG.test(tag)) notes.push(`${feature.name}: tag "${tag}" is not an Opsdesk tag; skipped.`);
        return TAG.test(tag);
      });
    return [
      {
        key: feature.name,
        description: feature.description ?? '',
        type: flagType(feature.type, feature.name, notes),
        createdAt: dateOrNull(feature.createdAt),
        tags: [...new Set(tags)].slice(0, 20),
        dependencies: (file.dependencies ?? []).find((entry) => entry.feature === feature.name)?.dependencies ?? [],
        enabled: environment?.enabled ?? false,
        strategies,
        variants: environment?.variants ?? feature.variants ?? [],
      },
    ];
  });
  return {
    shape: 'unleash-admin',
    notes,
    flags,
    segments: (file.segments ?? []).map((segment) => ({
      fileId: segment.id,
      name: segmentName(segment.name, segment.id),
      description: segment.description ?? '',
      constraints: segment.constraints,
      createdAt: dateOrNull(segment.createdAt),
    })),
  };
}

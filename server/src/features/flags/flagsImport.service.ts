import type { FlagDependency, FlagStrategy, FlagVariant } from '@opsdesk/shared';
import type { Trx } from '../../db/database.js';
import type { AuditEntryInput } from '../audit/audit.queries.js';
import { bumpRevisions, findState, insertFlag, lockEnvironment, lockFlagByKey, updateFlag, upsertState } from './flags.queries.js';
import { sameJson } from './flags.service.js';
import { updateSegment } from './flagSegments.queries.js';
import { ImportFileError, type ImportPlan, type ImportedFlag } from './flagsImport.parse.js';
import { findAllDependencies, insertImportedSegment, lockSegmentByName } from './flagsImport.queries.js';

/**
 * Applies an import (flagsImport.parse.ts) in the caller's transaction: segments first
 * (matched by name; the file's ids mapped to Opsdesk's), then each flag, its state in the
 * one environment, and its dependencies. Only what differs is written, so importing the
 * same file twice changes nothing the second time; each flag or segment changed gets one
 * audit row. A dry run is the same work in a transaction the caller rolls back.
 */
export type ImportAudit = (entry: Omit<AuditEntryInput, 'actor' | 'request'>) => Promise<unknown>;

export interface ImportSummary {
  changed: number;
  unchanged: number;
  lines: string[];
}

const TAGS_PER_FLAG = 20;

const same = sameJson;

/** Unleash's rule, checked on the graph the import leaves: parents exist, are not the flag, and have no parents themselves. */
async function requireDependencyGraph(trx: Trx, flags: ImportedFlag[]): Promise<void> {
  const graph = new Map<string, FlagDependency[]>();
  for (const row of await findAllDependencies(trx)) if (!row.archivedAt) graph.set(row.key, row.dependencies as FlagDependency[]);
  for (const flag of flags) graph.set(flag.key, flag.dependencies);
  const problems: string[] = [];
  for (const [key, dependencies] of graph) {
    for (const { feature } of dependencies) {
      if (feature === key) problems.push(`${key} depends on itself`);
      else if (!graph.has(feature)) problems.push(`${key} depends on "${feature}", which is neither in the file nor a live flag`);
      else if ((graph.get(feature) ?? []).length > 0) problems.push(`${key} depends on "${feature}", which depends on other flags itself (one level only, as in Unleash)`);
    }
  }
  if (problems.length > 0) throw new ImportFileError(`dependencies: ${problems.slice(0, 10).join('; ')}.`);
}

export async function applyImport(trx: Trx, plan: ImportPlan, environment: string, audit: ImportAudit): Promise<ImportSummary> {
  if (!(await lockEnvironment(trx, environment))) throw new ImportFileError(`There is no environment "${environment}".`);
  const summary: ImportSummary = { changed: 0, unchanged: 0, lines: [] };
  const record = (line: string) => {
    summary.changed += 1;
    summary.lines.push(line);
  };

  const segmentIds = new Map<number, number>();
  for (const segment of [...plan.segments].sort((a, b) => a.fileId - b.fileId)) {
    const existing = await lockSegmentByName(trx, segment.name);
    const fields = { name: segment.name, description: segment.description, constraints: segment.constraints };
    if (existing && same({ description: existing.description, constraints: existing.constraints }, { description: fields.description, constraints: fields.constraints })) {
      segmentIds.set(segment.fileId, existing.id);
      summary.unchanged += 1;
      continue;
    }
    const saved = existing ? await updateSegment(trx, existing.id, fields) : await insertImportedSegment(trx, { ...fields, fileId: segment.fileId, createdAt: segment.createdAt ?? undefined });
    segmentIds.set(segment.fileId, saved.id);
    await audit({ action: 'flags.segment_imported', target: { type: 'flag_segment', id: String(saved.id) }, before: existing ?? null, after: saved, result: 'success', reason: `imported (${plan.shape})` });
    record(`${existing ? 'updated' : 'created'} segment ${segment.name} (id ${saved.id}${saved.id !== segment.fileId ? `, ${segment.fileId} in the file` : ''})`);
  }

  const strategiesOf = (flag: ImportedFlag): FlagStrategy[] =>
    flag.strategies.map((strategy) => {
      if (!strategy.segments) return strategy;
      const segments = strategy.segments.map((fileId) => {
        const id = segmentIds.get(fileId);
        if (id === undefined) throw new ImportFileError(`${flag.key}: a strategy uses segment ${fileId}, which the file does not define.`);
        return id;
      });
      return { ...strategy, segments };
    });
  await requireDependencyGraph(trx, plan.flags);

  for (const flag of plan.flags) {
    const state = { enabled: flag.enabled, strategies: strategiesOf(flag), variants: flag.variants as FlagVariant[] };
    const existing = await lockFlagByKey(trx, flag.key);
    let row = existing;
    const changes: string[] = [];
    if (!existing) {
      row = await insertFlag(trx, { key: flag.key, description: flag.description, type: flag.type, ownerId: null, tags: flag.tags, dependencies: JSON.stringify(flag.dependencies), ...(flag.createdAt && { createdAt: flag.createdAt }) });
      changes.push('created');
    } else {
      const tags = [...new Set([...existing.tags, ...flag.tags])].slice(0, TAGS_PER_FLAG);
      const wanted = { description: flag.description, type: flag.type, tags, dependencies: flag.dependencies, archivedAt: null };
      const current = { description: existing.description, type: existing.type, tags: existing.tags, dependencies: existing.dependencies, archivedAt: existing.archivedAt };
      if (!same(current, wanted)) {
        row = await updateFlag(trx, existing.id, wanted);
        changes.push(existing.archivedAt ? 'restored from the archive' : 'details');
      }
    }
    const stored = await findState(trx, row!.id, environment);
    const before = stored ? { enabled: stored.enabled, strategies: stored.strategies, variants: stored.variants } : { enabled: false, strategies: [], variants: [] };
    if (!same(before, state)) {
      await upsertState(trx, { flagId: row!.id, environment, ...state, updatedBy: null });
      changes.push(`${environment} ${state.enabled ? 'on' : 'off'}, ${state.strategies.length} strateg${state.strategies.length === 1 ? 'y' : 'ies'}`);
    }
    if (changes.length === 0) {
      summary.unchanged += 1;
      continue;
    }
    const view = (flagRow: typeof row, environmentState: unknown) =>
      flagRow && { description: flagRow.description, type: flagRow.type, tags: flagRow.tags, dependencies: flagRow.dependencies, archivedAt: flagRow.archivedAt, [environment]: environmentState };
    await audit({
      action: 'flags.imported',
      target: { type: 'flag', id: `${flag.key}@${environment}` },
      input: { via: 'import', shape: plan.shape, environment },
      before: existing ? view(existing, before) : null,
      after: view(row, state),
      result: 'success',
      reason: `imported (${plan.shape})`,
    });
    record(`${existing ? 'updated' : 'created'} ${flag.key}: ${changes.join('; ')}`);
  }
  // Flags and segments are served by every environment.
  if (summary.changed > 0) await bumpRevisions(trx, 'all');
  return summary;
}

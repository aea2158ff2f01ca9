import { createHash } from 'node:crypto';

/**
 * The plan hash: sha256 of the canonical JSON of `plan.state` (object keys sorted at
 * every depth, so two plans of the same live state hash alike whatever order the action
 * built them in). Undefined members are left out, as JSON.stringify does.
 */
export function planHashOf(state: unknown): string {
  return createHash('sha256').update(canonicalJson(state)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

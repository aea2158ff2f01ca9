import { TRPCError } from '@trpc/server';
import type { FlagDependency, FlagStrategy, FlagVariant } from '@opsdesk/shared';
import type { FlagType } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { findStaffById } from '../staff/staff.queries.js';
import { bumpRevisions, findDependentFlags, findEnvironments, lockFlagsByKeysForShare, findStatesOfFlag, insertFlag, lockEnvironment, lockFlagByKey, updateFlag, upsertState } from './flags.queries.js';
import type { FlagRow } from './flags.table.js';

/**
 * Changes to flags, each in the caller's transaction (the router's, with its audit row,
 * or the CLI's). Every change that alters what an environment serves bumps that
 * environment's revision: the client API's ETag and, later, the staleness check of an
 * approval request (an approval applies `setEnvironmentState` with the revision it was
 * requested against as `expectedRevision`).
 */

export interface EnvironmentState {
  enabled: boolean;
  strategies: FlagStrategy[];
  variants: FlagVariant[];
}

const OFF: EnvironmentState = { enabled: false, strategies: [], variants: [] };

/**
 * Stored sizes, well under the table's checks (1 MiB and 256 KiB of jsonb text, which
 * adds a space after every separator), so an oversized change is a clear 400 whatever
 * the request body limit is configured to.
 */
const MAX_STRATEGIES_BYTES = 400 * 1024;
const MAX_VARIANTS_BYTES = 100 * 1024;

function requireStorableSize(state: EnvironmentState): void {
  if (Buffer.byteLength(JSON.stringify(state.strategies)) > MAX_STRATEGIES_BYTES) throw new TRPCError({ code: 'BAD_REQUEST', message: `strategies: at most ${MAX_STRATEGIES_BYTES / 1024} KiB per environment.` });
  if (Buffer.byteLength(JSON.stringify(state.variants)) > MAX_VARIANTS_BYTES) throw new TRPCError({ code: 'BAD_REQUEST', message: `variants: at most ${MAX_VARIANTS_BYTES / 1024} KiB per environment.` });
}

/** Equal as JSON whatever the key order: jsonb reads objects back with its own key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown) =>
    JSON.stringify(value, (_key, item: unknown) =>
      item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : item,
    );
  return canonical(a) === canonical(b);
}

export function flagView(flag: FlagRow) {
  return {
    id: flag.id,
    key: flag.key,
    description: flag.description,
    type: flag.type,
    ownerId: flag.ownerId,
    tags: flag.tags,
    dependencies: (flag.dependencies ?? []) as FlagDependency[],
    archivedAt: flag.archivedAt,
    createdAt: flag.createdAt,
    updatedAt: flag.updatedAt,
  };
}

/**
 * Dependencies as Unleash allows them, one level deep (its SDKs, and the shared
 * evaluator, answer false for a parent that has parents): not the flag itself, only
 * existing live flags, no cycle, a parent without parents of its own, and no parents for
 * a flag other flags depend on.
 */
async function requireValidDependencies(db: Trx, key: string, dependencies: FlagDependency[]): Promise<void> {
  if (dependencies.length === 0) return;
  const refuse = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message: `dependencies: ${message}` });
  const names = dependencies.map((dependency) => dependency.feature);
  if (names.includes(key)) throw refuse(`a flag cannot depend on itself ("${key}").`);
  if (new Set(names).size !== names.length) throw refuse('each parent flag may be named once.');
  const parents = await lockFlagsByKeysForShare(db, names);
  for (const name of names) {
    const parent = parents.find((flag) => flag.key === name);
    if (!parent || parent.archivedAt) throw refuse(`there is no live flag "${name}".`);
    const grandparents = (parent.dependencies as FlagDependency[]).map((dependency) => dependency.feature);
    if (grandparents.includes(key)) throw refuse(`"${name}" depends on "${key}": that would be a cycle.`);
    if (grandparents.length > 0) throw refuse(`"${name}" depends on other flags itself; a parent flag cannot have parents (one level, as in Unleash).`);
  }
  const dependents = await findDependentFlags(db, key);
  if (dependents.length > 0) throw refuse(`${dependents.map((flag) => `"${flag.key}"`).join(', ')} depend${dependents.length === 1 ? 's' : ''} on "${key}"; a parent flag cannot have parents (one level, as in Unleash).`);
}

async function requireOwner(db: DbOrTrx, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findStaffById(db, ownerId))) throw new TRPCError({ code: 'BAD_REQUEST', message: 'ownerId: no staff member has this id.' });
}

async function requireFlag(trx: Trx, key: string, options: { live: boolean }): Promise<FlagRow> {
  const flag = await lockFlagByKey(trx, key);
  if (!flag) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flag "${key}".` });
  if (options.live && flag.archivedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: `Flag "${key}" is archived.` });
  return flag;
}

export async function createFlag(trx: Trx, input: { key: string; description: string; type: FlagType; ownerId: string | null; tags: string[] }) {
  await requireOwner(trx, input.ownerId);
  const flag = await insertFlag(trx, input);
  if (!flag) throw new TRPCError({ code: 'CONFLICT', message: `A flag "${input.key}" already exists.` });
  // A new flag is served (off) everywhere.
  await bumpRevisions(trx, 'all');
  return flagView(flag);
}

export async function updateFlagMetadata(
  trx: Trx,
  input: { key: string; description?: string | undefined; type?: FlagType | undefined; ownerId?: string | null | undefined; tags?: string[] | undefined; dependencies?: FlagDependency[] | undefined },
) {
  const { key, ...changes } = input;
  await requireOwner(trx, changes.ownerId);
  const before = await requireFlag(trx, key, { live: true });
  if (changes.dependencies) await requireValidDependencies(trx, key, changes.dependencies);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const after = await updateFlag(trx, before.id, defined);
  // Type and description are served (and the type decides staleness).
  await bumpRevisions(trx, 'all');
  return { before: flagView(before), after: flagView(after) };
}

/** Archived flags are no longer served; archiving twice changes nothing the second time. */
export async function archiveFlag(trx: Trx, key: string) {
  const before = await requireFlag(trx, key, { live: false });
  if (before.archivedAt) return { before: flagView(before), after: flagView(before), changed: false };
  const after = await updateFlag(trx, before.id, { archivedAt: new Date() });
  await bumpRevisions(trx, 'all');
  return { before: flagView(before), after: flagView(after), changed: true };
}

export async function findFlagStates(db: DbOrTrx, flagId: string) {
  const [environments, states] = await Promise.all([findEnvironments(db), findStatesOfFlag(db, flagId)]);
  return environments.map((env) => {
    const state = states.find((s) => s.environment === env.name);
    return {
      environment: env.name,
      protected: env.protected,
      revision: Number(env.revision),
      enabled: state?.enabled ?? false,
      strategies: (state?.strategies ?? []) as FlagStrategy[],
      variants: (state?.variants ?? []) as FlagVariant[],
      updatedAt: state?.updatedAt ?? null,
    };
  });
}

/**
 * Sets one environment's on/off, strategies and variants (already validated by the
 * shared schemas). The environment row is locked, so concurrent edits serialise and each
 * gets its own revision; `expectedRevision` turns a lost update into a CONFLICT.
 */
export async function setEnvironmentState(
  trx: Trx,
  input: { key: string; environment: string; expectedRevision?: number | undefined } & EnvironmentState,
  actorId: string | null,
) {
  const env = await lockEnvironment(trx, input.environment);
  if (!env) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${input.environment}".` });
  if (input.expectedRevision !== undefined && String(input.expectedRevision) !== env.revision) {
    throw new TRPCError({ code: 'CONFLICT', message: `${input.environment} changed since you loaded it (revision ${env.revision}, not ${input.expectedRevision}); reload and make the change again.` });
  }
  const flag = await requireFlag(trx, input.key, { live: true });
  const current = (await findStatesOfFlag(trx, flag.id)).find((s) => s.environment === input.environment);
  const before: EnvironmentState = current ? { enabled: current.enabled, strategies: current.strategies as FlagStrategy[], variants: current.variants as FlagVariant[] } : OFF;
  const after: EnvironmentState = { enabled: input.enabled, strategies: input.strategies, variants: input.variants };
  requireStorableSize(after);
  if (JSON.stringify(before) === JSON.stringify(after)) return { flag: flagView(flag), before, after, revision: Number(env.revision), changed: false };
  await upsertState(trx, { flagId: flag.id, environment: input.environment, ...after, updatedBy: actorId });
  await updateFlag(trx, flag.id, {});
  await bumpRevisions(trx, [input.environment]);
  return { flag: flagView(flag), before, after, revision: Number(env.revision) + 1, changed: true };
}

import { sql } from 'kysely';
import type { FlagDependency } from '@opsdesk/shared';
import { FLAG_STALE_AFTER_DAYS, type FlagType } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { FlagRow } from './flags.table.js';

/** Every query of flags, environments and their states: `db` or a transaction first. */

export function findEnvironments(db: DbOrTrx) {
  return db.selectFrom('ops.flagEnvironments').selectAll().orderBy('sortOrder').orderBy('name').execute();
}

export function findEnvironment(db: DbOrTrx, name: string) {
  return db.selectFrom('ops.flagEnvironments').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Locks the environment's row: changes to one environment apply one at a time, each a new revision. */
export function lockEnvironment(trx: Trx, name: string) {
  return trx.selectFrom('ops.flagEnvironments').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
}

/** A served ruleset changed: its environments' ETags change with the revision. */
export async function bumpRevisions(trx: Trx, environments: readonly string[] | 'all'): Promise<void> {
  let update = trx.updateTable('ops.flagEnvironments').set({ revision: sql<string>`revision + 1` as never });
  if (environments !== 'all') {
    if (environments.length === 0) return;
    update = update.where('name', 'in', environments);
  }
  await update.execute();
}

export function findFlagByKey(db: DbOrTrx, key: string) {
  return db.selectFrom('ops.flags').selectAll().where('key', '=', key).executeTakeFirst();
}

export function lockFlagByKey(trx: Trx, key: string) {
  return trx.selectFrom('ops.flags').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
}

export function insertFlag(trx: Trx, flag: { key: string; description: string; type: FlagType; ownerId: string | null; tags: string[]; dependencies?: string; createdAt?: Date }) {
  return trx.insertInto('ops.flags').values(flag).onConflict((oc) => oc.column('key').doNothing()).returningAll().executeTakeFirst();
}

export function updateFlag(
  trx: Trx,
  id: string,
  changes: Partial<Pick<FlagRow, 'description' | 'type' | 'ownerId' | 'tags' | 'archivedAt'>> & { dependencies?: FlagDependency[] | undefined },
) {
  const { dependencies, ...columns } = changes;
  return trx
    .updateTable('ops.flags')
    .set({ ...columns, ...(dependencies !== undefined && { dependencies: JSON.stringify(dependencies) }), updatedAt: sql`now()` as never })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The named flags (archived ones too) with their own dependencies: the parents a change
 * would depend on. Share-locked: a parent gaining parents at the same time waits for this
 * change (or deadlocks into a 409), so two concurrent edits cannot build a chain or cycle.
 */
export function lockFlagsByKeysForShare(trx: Trx, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return trx.selectFrom('ops.flags').select(['key', 'dependencies', 'archivedAt']).where('key', 'in', keys).orderBy('key').forShare().execute();
}

/** Live flags that depend on this one (jsonb containment on their `dependencies`). */
export function findDependentFlags(db: DbOrTrx, key: string) {
  return db
    .selectFrom('ops.flags')
    .select('key')
    .where(sql<boolean>`dependencies @> ${JSON.stringify([{ feature: key }])}::jsonb`)
    .where('archivedAt', 'is', null)
    .orderBy('key')
    .execute();
}

export function findStatesOfFlag(db: DbOrTrx, flagId: string) {
  return db.selectFrom('ops.flagEnvironmentStates').selectAll().where('flagId', '=', flagId).execute();
}

export function findState(db: DbOrTrx, flagId: string, environment: string) {
  return db.selectFrom('ops.flagEnvironmentStates').selectAll().where('flagId', '=', flagId).where('environment', '=', environment).executeTakeFirst();
}

export async function upsertState(
  trx: Trx,
  state: { flagId: string; environment: string; enabled: boolean; strategies: unknown; variants: unknown; updatedBy: string | null },
): Promise<void> {
  const values = { ...state, strategies: JSON.stringify(state.strategies), variants: JSON.stringify(state.variants) };
  await trx
    .insertInto('ops.flagEnvironmentStates')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['flagId', 'environment']).doUpdateSet({ enabled: values.enabled, strategies: values.strategies, variants: values.variants, updatedBy: values.updatedBy, updatedAt: sql`now()` as never }),
    )
    .execute();
}

/** The stale rule as SQL: a type's days without a change (kill-switch and permission never). */
function staleCondition() {
  const clauses = Object.entries(FLAG_STALE_AFTER_DAYS)
    .filter(([, days]) => days !== null)
    .map(([type, days]) => sql`(f.type = ${type} and f.updated_at < now() - make_interval(days => ${days}))`);
  return sql<boolean>`(${sql.join(clauses, sql` or `)})`;
}

export interface FlagListFilters {
  type?: FlagType | undefined;
  ownerId?: string | undefined;
  environment?: string | undefined;
  state?: 'on' | 'off' | undefined;
  stale?: boolean | undefined;
  includeArchived: boolean;
  search?: string | undefined;
  limit: number;
}

/** The list with filters; `stale` and the per-environment on/off state are computed here, once. */
export function findFlags(db: DbOrTrx, filters: FlagListFilters) {
  let query = db
    .selectFrom('ops.flags as f')
    .leftJoin('ops.staff as s', 's.id', 'f.ownerId')
    .select(['f.id', 'f.key', 'f.description', 'f.type', 'f.ownerId', 's.name as ownerName', 'f.tags', 'f.archivedAt', 'f.createdAt', 'f.updatedAt'])
    .select(sql<boolean>`coalesce(${staleCondition()}, false)`.as('stale'))
    .select(
      sql<Record<string, boolean>>`coalesce((select jsonb_object_agg(st.environment, st.enabled) from ops.flag_environment_states st where st.flag_id = f.id), '{}'::jsonb)`.as('environments'),
    );
  if (!filters.includeArchived) query = query.where('f.archivedAt', 'is', null);
  if (filters.type) query = query.where('f.type', '=', filters.type);
  if (filters.ownerId) query = query.where('f.ownerId', '=', filters.ownerId);
  if (filters.stale !== undefined) query = query.where(filters.stale ? staleCondition() : sql<boolean>`not ${staleCondition()}`);
  if (filters.search) query = query.where(sql<boolean>`strpos(lower(f.key), lower(${filters.search})) > 0`);
  if (filters.environment && filters.state) {
    const on = sql<boolean>`exists (select 1 from ops.flag_environment_states st where st.flag_id = f.id and st.environment = ${filters.environment} and st.enabled)`;
    query = query.where(filters.state === 'on' ? on : sql<boolean>`not ${on}`);
  }
  return query.orderBy('f.key').limit(filters.limit).execute();
}

/** What one environment serves: every live flag with its state there (none yet: off, no strategies). */
export function findServedFlags(db: DbOrTrx, environment: string) {
  return db
    .selectFrom('ops.flags as f')
    .leftJoin('ops.flagEnvironmentStates as st', (join) => join.onRef('st.flagId', '=', 'f.id').on('st.environment', '=', environment))
    .select(['f.key', 'f.description', 'f.type', 'f.createdAt', 'f.dependencies', 'st.enabled', 'st.strategies', 'st.variants'])
    .select(sql<boolean>`coalesce(${staleCondition()}, false)`.as('stale'))
    .where('f.archivedAt', 'is', null)
    .orderBy('f.key')
    .execute();
}

export function findSegments(db: DbOrTrx) {
  return db.selectFrom('ops.flagSegments').select(['id', 'name', 'description', 'constraints', 'createdAt']).orderBy('id').execute();
}

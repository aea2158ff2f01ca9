import type { Selectable } from 'kysely';
import type { TCustomerListFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import type { SavedFilterTable } from '../../db/schema.js';

/** Saved customer-list filters (ops.saved_filters, resource `customers`). */
const RESOURCE = 'customers';

export interface SavedCustomerFilter {
  id: string;
  name: string;
  filter: TCustomerListFilter;
  shared: boolean;
  owner: { id: string; email: string };
  mine: boolean;
  createdAt: string;
}

type SavedFilterRow = Selectable<SavedFilterTable> & { ownerEmail: string };

/** Customer-list filters with their owner's email: the base of every read below. */
function savedFilterRows(db: DbOrTrx) {
  return db
    .selectFrom('ops.savedFilters as f')
    .innerJoin('ops.staff as s', 's.id', 'f.ownerId')
    .selectAll('f')
    .select('s.email as ownerEmail')
    .where('f.resource', '=', RESOURCE);
}

/** Everyone's shared filters and the caller's own, alphabetically. */
export async function findSavedFilters(db: DbOrTrx, staffId: string): Promise<SavedCustomerFilter[]> {
  const rows = await savedFilterRows(db)
    .where((eb) => eb.or([eb('f.shared', '=', true), eb('f.ownerId', '=', staffId)]))
    .orderBy('f.name')
    .orderBy('f.id')
    .execute();
  return rows.map((row) => toSavedFilter(row, staffId));
}

export async function lockSavedFilter(db: DbOrTrx, id: string, staffId: string): Promise<SavedCustomerFilter | undefined> {
  const row = await savedFilterRows(db)
    .where('f.id', '=', id)
    .forUpdate('f')
    .executeTakeFirst();
  return row && toSavedFilter(row, staffId);
}

/** Saving under a name you already used replaces that filter (names are unique per owner). */
export async function upsertSavedFilter(
  db: DbOrTrx,
  owner: { id: string; email: string },
  input: { name: string; filter: TCustomerListFilter; shared: boolean },
): Promise<SavedCustomerFilter> {
  const row = await db
    .insertInto('ops.savedFilters')
    .values({ resource: RESOURCE, name: input.name, filter: JSON.stringify(input.filter), shared: input.shared, ownerId: owner.id })
    .onConflict((oc) => oc.columns(['resource', 'ownerId', 'name']).doUpdateSet((eb) => ({ filter: eb.ref('excluded.filter'), shared: eb.ref('excluded.shared') })))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSavedFilter({ ...row, ownerEmail: owner.email }, owner.id);
}

export async function findOwnSavedFilterByName(db: DbOrTrx, ownerId: string, name: string): Promise<SavedCustomerFilter | undefined> {
  const row = await savedFilterRows(db)
    .where('f.ownerId', '=', ownerId)
    .where('f.name', '=', name)
    .executeTakeFirst();
  return row && toSavedFilter(row, ownerId);
}

export async function deleteSavedFilter(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('ops.savedFilters').where('id', '=', id).execute();
}

function toSavedFilter(row: SavedFilterRow, staffId: string): SavedCustomerFilter {
  return {
    id: row.id,
    name: row.name,
    filter: row.filter as TCustomerListFilter,
    shared: row.shared,
    owner: { id: row.ownerId, email: row.ownerEmail },
    mine: row.ownerId === staffId,
    createdAt: row.createdAt.toISOString(),
  };
}

import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** Every query of segments (shared constraint lists strategies refer to by id): `db` or a transaction first. */

export function findSegmentById(db: DbOrTrx, id: number) {
  return db.selectFrom('ops.flagSegments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockSegmentById(trx: Trx, id: number) {
  return trx.selectFrom('ops.flagSegments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findSegmentByName(db: DbOrTrx, name: string) {
  return db.selectFrom('ops.flagSegments').selectAll().where('name', '=', name).executeTakeFirst();
}

export function insertSegment(trx: Trx, segment: { name: string; description: string; constraints: unknown }) {
  return trx
    .insertInto('ops.flagSegments')
    .values({ ...segment, constraints: JSON.stringify(segment.constraints) })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updateSegment(trx: Trx, id: number, segment: { name: string; description: string; constraints: unknown }) {
  return trx
    .updateTable('ops.flagSegments')
    .set({ ...segment, constraints: JSON.stringify(segment.constraints), updatedAt: sql`now()` as never })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteSegment(trx: Trx, id: number) {
  return trx.deleteFrom('ops.flagSegments').where('id', '=', id).executeTakeFirst();
}

/**
 * Flags (and environments) with a strategy naming the segment. jsonb containment: the
 * strategies array holds an object whose `segments` array holds the id.
 */
export function findStrategiesUsingSegment(db: DbOrTrx, id: number) {
  return db
    .selectFrom('ops.flagEnvironmentStates as st')
    .innerJoin('ops.flags as f', 'f.id', 'st.flagId')
    .select(['f.key', 'st.environment'])
    .where(sql<boolean>`st.strategies @> ${JSON.stringify([{ segments: [id] }])}::jsonb`)
    .orderBy('f.key')
    .orderBy('st.environment')
    .execute();
}

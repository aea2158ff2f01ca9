import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** Queries only an import needs: `db` or a transaction first. */

/** Every flag's parents (archived flags too: an import may bring one back), for checking the graph an import leaves. */
export function findAllDependencies(db: DbOrTrx) {
  return db.selectFrom('ops.flags').select(['key', 'dependencies', 'archivedAt']).execute();
}

export function lockSegmentByName(trx: Trx, name: string) {
  return trx.selectFrom('ops.flagSegments').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
}

/**
 * Keeps the file's id when it is free (so an export imported into a fresh installation
 * exports the same document), else takes the next one; the sequence is moved past any
 * id given, so later inserts never collide with it.
 */
export async function insertImportedSegment(trx: Trx, segment: { fileId: number; name: string; description: string; constraints: unknown; createdAt: Date | undefined }) {
  const taken = await trx.selectFrom('ops.flagSegments').select('id').where('id', '=', segment.fileId).executeTakeFirst();
  const row = await trx
    .insertInto('ops.flagSegments')
    .values({
      ...(!taken && segment.fileId > 0 && { id: segment.fileId as never }),
      name: segment.name,
      description: segment.description,
      constraints: JSON.stringify(segment.constraints),
      ...(segment.createdAt && { createdAt: segment.createdAt }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!taken) await sql`select setval('ops.flag_segments_id_seq', greatest((select max(id) from ops.flag_segments), (select last_value from ops.flag_segments_id_seq)))`.execute(trx);
  return row;
}

import { sql } from 'kysely';
import type { TStaffNote } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/** Staff notes on a customer (`subject_type = 'customer'`, subject = user id). */
const SUBJECT = 'customer';

export function notesQuery(db: DbOrTrx, viewerId: string | null) {
  return db
    .selectFrom('ops.staffNotes as n')
    .innerJoin('ops.staff as s', 's.id', 'n.authorId')
    .select(['n.id', 'n.body', 'n.pinned', 'n.createdAt', 'n.updatedAt', 'n.subjectId', 'n.authorId', 's.email as authorEmail'])
    .select(sql<boolean>`n.author_id is not distinct from ${viewerId}::uuid`.as('mine'))
    .where('n.deletedAt', 'is', null);
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof notesQuery>['executeTakeFirstOrThrow']>>;

export const toStaffNote = (r: NoteRow): TStaffNote => ({
  id: r.id,
  body: r.body,
  pinned: r.pinned,
  author: { id: r.authorId, email: r.authorEmail },
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  mine: r.mine,
});

/** Pinned first, then newest; served by staff_notes_subject_idx. */
export async function findCustomerNotes(db: DbOrTrx, userId: string, viewerId: string | null, limit = 50): Promise<TStaffNote[]> {
  const rows = await notesQuery(db, viewerId).where('n.subjectType', '=', SUBJECT).where('n.subjectId', '=', userId).orderBy('n.pinned', 'desc').orderBy('n.createdAt', 'desc').limit(limit).execute();
  return rows.map(toStaffNote);
}

export async function findNote(db: DbOrTrx, id: string, viewerId: string | null) {
  const row = await notesQuery(db, viewerId).where('n.id', '=', id).where('n.subjectType', '=', SUBJECT).executeTakeFirst();
  return row ? { note: toStaffNote(row), subjectId: row.subjectId } : undefined;
}

export async function insertNote(db: DbOrTrx, note: { userId: string; authorId: string; body: string }): Promise<string> {
  const row = await db.insertInto('ops.staffNotes').values({ subjectType: SUBJECT, subjectId: note.userId, authorId: note.authorId, body: note.body, deletedAt: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Only the author's own note changes; anyone else's is left alone (the caller answers NOT_FOUND). */
export async function updateOwnNote(db: DbOrTrx, note: { id: string; authorId: string; body: string }): Promise<boolean> {
  const result = await db.updateTable('ops.staffNotes').set({ body: note.body, updatedAt: sql`now()` as never }).where('id', '=', note.id).where('authorId', '=', note.authorId).where('deletedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setNotePinned(db: DbOrTrx, id: string, pinned: boolean): Promise<boolean> {
  const result = await db.updateTable('ops.staffNotes').set({ pinned }).where('id', '=', id).where('subjectType', '=', SUBJECT).where('deletedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The current words of the live notes among `ids` (an edit or an erasure changed them; a deleted note has none). */
export async function findLiveNoteBodies(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('ops.staffNotes').select(['id', 'body']).where('id', 'in', [...new Set(ids)]).where('subjectType', '=', SUBJECT).where('deletedAt', 'is', null).execute();
  return new Map(rows.map((row) => [row.id, row.body]));
}

/** Notes are written on product users: one that does not exist cannot get one. */
export async function customerExists(db: DbOrTrx, userId: string): Promise<boolean> {
  return (await db.selectFrom('app.users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
}

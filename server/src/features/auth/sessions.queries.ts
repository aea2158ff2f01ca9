import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export const IDLE_TIMEOUT_MINUTES = 30;
export const ABSOLUTE_LIFETIME_HOURS = 12;

export async function insertSession(db: DbOrTrx, session: { id: string; staffId: string; ip: string | null; userAgent: string | null }): Promise<Date> {
  const row = await db
    .insertInto('ops.staffSessions')
    .values({ ...session, expiresAt: sql<Date>`now() + make_interval(hours => ${ABSOLUTE_LIFETIME_HOURS})` as never })
    .returning('expiresAt')
    .executeTakeFirstOrThrow();
  return row.expiresAt;
}

/** A live session: not revoked, within both timeouts, and its staff member still active. */
export async function findLiveSession(db: DbOrTrx, sessionId: string) {
  return db
    .selectFrom('ops.staffSessions as s')
    .innerJoin('ops.staff as st', 'st.id', 's.staffId')
    .select(['s.id', 's.lastSeenAt', 'st.id as staffId', 'st.email', 'st.name', 'st.roles', 'st.totpEnrolledAt'])
    .where('s.id', '=', sessionId)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', sql<Date>`now()`)
    .where('s.lastSeenAt', '>', sql<Date>`now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})`)
    .where('st.status', '=', 'active')
    .executeTakeFirst();
}

/** Slides the idle timeout; skipped when touched in the last minute to spare a write per request. */
export async function touchSession(db: DbOrTrx, sessionId: string): Promise<void> {
  await db
    .updateTable('ops.staffSessions')
    .set({ lastSeenAt: sql<Date>`now()` as never })
    .where('id', '=', sessionId)
    .where('lastSeenAt', '<', sql<Date>`now() - interval '1 minute'`)
    .execute();
}

export async function revokeSession(db: DbOrTrx, sessionId: string): Promise<void> {
  await db.updateTable('ops.staffSessions').set({ revokedAt: sql<Date>`now()` as never }).where('id', '=', sessionId).where('revokedAt', 'is', null).execute();
}

/** Revokes every live session of a staff member, optionally keeping one (the caller's own). */
export async function revokeStaffSessions(db: DbOrTrx, staffId: string, exceptSessionId?: string): Promise<number> {
  let query = db.updateTable('ops.staffSessions').set({ revokedAt: sql<Date>`now()` as never }).where('staffId', '=', staffId).where('revokedAt', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

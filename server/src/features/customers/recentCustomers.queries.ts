import { sql } from 'kysely';
import { UUID_SQL_PATTERN, type TLatestNote, type TRecentCustomer } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { notesQuery, toStaffNote } from './staffNotes.queries.js';

/**
 * The support home page's lists (migration 0036): the customers a staff member opened
 * last, and the team's newest notes.
 */

/** A product user by an id stored as text: a guarded cast, so the look-up uses the users' primary key and a value that is no uuid matches nothing. */
const userWithId = (column: string) => sql<boolean>`u.id = (case when ${sql.ref(column)} ~* ${sql.raw(UUID_SQL_PATTERN)} then ${sql.ref(column)}::uuid end)`;

/** How many customers a staff member's list keeps: the card shows five, the rest is slack for pruning. */
export const RECENT_CUSTOMERS_KEPT = 20;

/**
 * Puts the customer at the top of the staff member's list and drops what falls past
 * RECENT_CUSTOMERS_KEPT, in one statement. The delete reads the list as it was before
 * this view (a statement's CTEs share one snapshot), so the list holds at most one more.
 */
export async function recordCustomerView(db: DbOrTrx, staffId: string, userId: string): Promise<void> {
  await sql`
    with viewed as (
      insert into ops.staff_recent_customers (staff_id, user_id, viewed_at) values (${staffId}::uuid, ${userId}, now())
      on conflict (staff_id, user_id) do update set viewed_at = excluded.viewed_at)
    delete from ops.staff_recent_customers r
    where r.staff_id = ${staffId}::uuid and r.user_id in (
      select o.user_id from ops.staff_recent_customers o where o.staff_id = ${staffId}::uuid and o.user_id <> ${userId}
      order by o.viewed_at desc offset ${RECENT_CUSTOMERS_KEPT})`.execute(db);
}

/** The staff member's recently viewed customers that still exist, last viewed first. */
export async function findRecentCustomers(db: DbOrTrx, staffId: string, limit: number): Promise<TRecentCustomer[]> {
  const rows = await db
    .selectFrom('ops.staffRecentCustomers as r')
    .innerJoin('app.users as u', (join) => join.on(userWithId('r.userId')))
    .select(['u.id as userId', 'u.name', 'u.email', 'r.viewedAt'])
    .where('r.staffId', '=', staffId)
    .orderBy('r.viewedAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ userId: row.userId, name: row.name, email: row.email, viewedAt: row.viewedAt.toISOString() }));
}

/** The team's newest customer notes (any author), newest first, with the customer each is on; served by staff_notes_latest_idx. */
export async function findLatestNotes(db: DbOrTrx, viewerId: string, limit: number): Promise<TLatestNote[]> {
  const rows = await notesQuery(db, viewerId)
    .innerJoin('app.users as u', (join) => join.on(userWithId('n.subjectId')))
    .select(['u.id as customerUserId', 'u.name as customerName', 'u.email as customerEmail'])
    .where('n.subjectType', '=', 'customer')
    .orderBy('n.createdAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...toStaffNote(row), customer: { userId: row.customerUserId, name: row.customerName, email: row.customerEmail } }));
}

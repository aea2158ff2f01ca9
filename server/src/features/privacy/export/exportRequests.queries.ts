import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';

/** The reads and writes of the export that are not the request's status (privacyRequests.queries.ts has those). */

/** Every address the subject is known by: the user's and their Stripe customers', lower-cased. */
export async function findSubjectEmails(db: DbOrTrx, subject: { userId: string | null; customerIds: readonly string[] }): Promise<string[]> {
  const users = subject.userId ? await db.selectFrom('app.users').select('email').where('id', '=', subject.userId).execute() : [];
  const customers = subject.customerIds.length ? await db.selectFrom('billing.customers').select('email').where('id', 'in', [...subject.customerIds]).execute() : [];
  return [...users, ...customers].flatMap((row) => (row.email ? [row.email.toLowerCase()] : []));
}

/** This request and the subject's others (by user or any shared Stripe customer): their audit entries are about the subject too. */
export async function findRequestIdsOfSubject(db: DbOrTrx, request: { id: string; userId: string | null; customerIds: readonly string[] }): Promise<string[]> {
  const rows = await db
    .selectFrom('ops.privacyRequests')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('id', '=', request.id),
        ...(request.userId ? [eb('userId', '=', request.userId)] : []),
        ...(request.customerIds.length ? [eb(sql<boolean>`customer_ids && ${sql.val([...request.customerIds])}::text[]`, '=', true)] : []),
      ]),
    )
    .orderBy('createdAt')
    .execute();
  return rows.map((row) => row.id);
}

/** Exports whose download window has closed and whose file is still on disk. */
export function findExpiredExports(db: DbOrTrx, now: Date, limit: number) {
  return db
    .selectFrom('ops.privacyRequests')
    .select(['id', 'exportPath'])
    .where('exportPath', 'is not', null)
    .where('exportDeletedAt', 'is', null)
    .where('exportExpiresAt', '<=', now)
    .orderBy('exportExpiresAt')
    .limit(limit)
    .execute();
}

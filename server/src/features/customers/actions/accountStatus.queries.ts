import type { DbOrTrx } from '../../../db/database.js';

/** Writes of the account actions to the product's `app` schema (what they cancel at Stripe: liveSubscriptions.ts). */
export async function setUserStatus(db: DbOrTrx, userId: string, change: { status: 'active' | 'suspended' | 'banned'; suspendedUntil: Date | null }) {
  return db
    .updateTable('app.users')
    .set({ status: change.status, suspendedUntil: change.suspendedUntil })
    .where('id', '=', userId)
    .returning(['status', 'suspendedUntil'])
    .executeTakeFirstOrThrow();
}

/** Signs the user out of the product everywhere: the product treats a missing row as signed out. */
export async function revokeUserSessions(db: DbOrTrx, userId: string): Promise<number> {
  const deleted = await db.deleteFrom('app.sessions').where('userId', '=', userId).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

export async function ownedStripeCustomerIds(db: DbOrTrx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('app.workspaces').select('stripeCustomerId').where('ownerUserId', '=', userId).where('stripeCustomerId', 'is not', null).execute();
  return rows.map((r) => r.stripeCustomerId!);
}

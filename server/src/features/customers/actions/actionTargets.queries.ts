import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';

/** What the customer actions read to find their target and to tell one request from the next. */
export function findUserForAction(db: DbOrTrx, userId: string) {
  return db.selectFrom('app.users').select(['id', 'email', 'name', 'status', 'suspendedUntil']).where('id', '=', userId).executeTakeFirst();
}

export async function findMirroredSubscriptionCustomerId(db: DbOrTrx, subscriptionId: string): Promise<string | undefined> {
  return (await db.selectFrom('billing.subscriptions').select('customerId').where('id', '=', subscriptionId).executeTakeFirst())?.customerId ?? undefined;
}

export async function findMirroredCustomerEmail(db: DbOrTrx, stripeCustomerId: string): Promise<string | null> {
  return (await db.selectFrom('billing.customers').select('email').where('id', '=', stripeCustomerId).executeTakeFirst())?.email ?? null;
}

export async function findMirroredChargeCustomerId(db: DbOrTrx, chargeId: string): Promise<string | null> {
  return (await db.selectFrom('billing.charges').select('customerId').where('id', '=', chargeId).executeTakeFirst())?.customerId ?? null;
}

/**
 * The plan item (the subscription's first) as the mirror has it, its price as Stripe
 * sent it; undefined when the mirror has not seen the subscription yet.
 */
export async function findMirroredPlanItem(db: DbOrTrx, subscriptionId: string): Promise<{ id: string; quantity: number; priceJson: string } | undefined> {
  return db
    .selectFrom('billing.subscriptionItems')
    // As text: the CamelCasePlugin would rename the snake_case keys of a Stripe object.
    .select(['id', 'quantity', sql<string>`(data->'price')::text`.as('priceJson')])
    .where('subscriptionId', '=', subscriptionId)
    .orderBy(sql`data->>'created'`)
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * Which "round" of an action this is, from the actions that undo it: cancel → undo →
 * cancel again must be a new request, while a double click (or a twin in a second tab)
 * must not. Counting the *undoing* actions works because a concurrent twin of the same
 * action never changes that count (unlike live Stripe state, which it does change).
 */
export async function undoneTimes(db: DbOrTrx, target: { type: string; id: string }, undoingActions: string[], subscriptionId: string): Promise<number> {
  const row = await db
    .selectFrom('ops.actionRequests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('targetType', '=', target.type)
    .where('targetId', '=', target.id)
    .where('action', 'in', undoingActions)
    .where('status', '=', 'succeeded')
    .where(sql<string>`input->>'subscriptionId'`, '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Same idea for account actions, whose undoing includes the suspension-lifting job: the audit log has both. */
export async function lastUndoneAt(db: DbOrTrx, userId: string, undoingAuditActions: string[]): Promise<string> {
  const row = await db
    .selectFrom('ops.auditLog')
    .select((eb) => eb.fn.max<string | null>('id').as('lastId'))
    .where('targetType', '=', 'customer')
    .where('targetId', '=', userId)
    .where('action', 'in', undoingAuditActions)
    .where('result', '=', 'success')
    .executeTakeFirstOrThrow();
  return row.lastId ?? '0';
}

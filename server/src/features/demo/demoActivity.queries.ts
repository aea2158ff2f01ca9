import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * The customers the demo staff's first day is about (demoActivity.ts), chosen from the
 * seeded company, oldest sign-ups first: the browser tests and a person trying the
 * console start from the newest, so the demo's own requests rarely stand in their way.
 */
export interface DemoActivitySubjects {
  /** A paying customer's whole charge (succeeded, nothing refunded, no dispute): the refund waiting for a second person. */
  charge: { userId: string; chargeId: string; amount: number; currency: string } | null;
  /** A customer whose subscription is past_due, else one who cancelled: a support note. */
  troubled: { userId: string; status: 'past_due' | 'canceled' } | null;
  /** Active users who never paid: the privacy requests' subjects (never a payer, whose erasure would wait on billing). */
  freeUsers: { userId: string; email: string }[];
}

export async function findDemoActivitySubjects(db: DbOrTrx): Promise<DemoActivitySubjects> {
  const [charges, troubled, free] = await Promise.all([
    sql<{ userId: string; chargeId: string; amount: string; currency: string }>`
      select w.owner_user_id as user_id, c.id as charge_id, c.amount, c.currency
      from billing.charges c
      join app.workspaces w on w.stripe_customer_id = c.customer_id
      join app.users u on u.id = w.owner_user_id and u.status = 'active'
      where c.status = 'succeeded' and c.amount_refunded = 0 and not c.disputed and c.amount > 0
      order by (w.plan = 'pro') desc, u.created_at, c.created desc
      limit 1`.execute(db),
    sql<{ userId: string; status: 'past_due' | 'canceled' }>`
      select w.owner_user_id as user_id, s.status
      from billing.subscriptions s
      join app.workspaces w on w.stripe_customer_id = s.customer_id
      join app.users u on u.id = w.owner_user_id and u.status = 'active'
      where s.status in ('past_due', 'canceled')
      order by s.status = 'past_due' desc, u.created_at
      limit 1`.execute(db),
    sql<{ userId: string; email: string }>`
      select u.id as user_id, u.email
      from app.users u
      where u.status = 'active'
        and not exists (select 1 from app.workspaces w where w.owner_user_id = u.id and w.stripe_customer_id is not null)
      order by u.created_at
      limit 2`.execute(db),
  ]);
  const charge = charges.rows[0];
  return {
    charge: charge ? { ...charge, amount: Number(charge.amount) } : null,
    troubled: troubled.rows[0] ?? null,
    freeUsers: free.rows,
  };
}

/** Whether this staff member already wrote a note on this customer (a seed run again after a stop adds none twice). */
export async function hasNoteBy(db: DbOrTrx, authorId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ops.staffNotes')
    .select('id')
    .where('subjectType', '=', 'customer')
    .where('subjectId', '=', userId)
    .where('authorId', '=', authorId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

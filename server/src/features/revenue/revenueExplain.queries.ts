import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { openAuditRows } from '../audit/auditOpen.js';

/**
 * Why one customer's MRR moved: the movement, the subscription states recorded that day
 * beside the state each replaced, the Stripe event that carried them, and — where
 * Opsdesk caused it — the staff actions on that customer around that day (who asked, the
 * reason, who approved) with their audit rows.
 */
const WINDOW = sql`interval '2 days'`;

export async function findMovement(db: DbOrTrx, movementId: string) {
  const { rows } = await sql<{ id: string; policy: string; customerId: string; day: string; kind: string; amountCents: string; beforeCents: string; afterCents: string; subscriptionId: string | null; sourceEventId: string | null }>`
    select id::text, policy, customer_id, to_char(day, 'YYYY-MM-DD') as day, kind, amount_cents, before_cents, after_cents, subscription_id, source_event_id
    from revenue.movements where id = ${movementId}::bigint`.execute(db);
  const row = rows[0];
  return row ? { ...row, amountCents: Number(row.amountCents), beforeCents: Number(row.beforeCents), afterCents: Number(row.afterCents) } : null;
}

export interface StateChange {
  subscriptionId: string;
  effectiveAt: Date;
  source: string;
  sourceId: string;
  status: string;
  items: unknown;
  couponIds: string[];
  previous: { status: string; items: unknown; couponIds: string[]; effectiveAt: Date } | null;
}

export async function findStateChangesOnDay(db: DbOrTrx, customerId: string, day: string): Promise<StateChange[]> {
  const { rows } = await sql<Omit<StateChange, 'previous'> & { previous: (StateChange['previous'] & { effectiveAt: string }) | null }>`
    select h.subscription_id, h.effective_at, h.source, h.source_id, h.status, h.items, h.coupon_ids,
      (select jsonb_build_object('status', p.status, 'items', p.items, 'couponIds', p.coupon_ids, 'effectiveAt', p.effective_at)
        from billing.subscription_history p where p.subscription_id = h.subscription_id and (p.effective_at, p.id) < (h.effective_at, h.id)
        order by p.effective_at desc, p.id desc limit 1) as previous
    from billing.subscription_history h
    where h.customer_id = ${customerId} and h.effective_at >= ${day}::date and h.effective_at < ${day}::date + 1
    order by h.effective_at, h.id limit 50`.execute(db);
  return rows.map((r) => ({ ...r, previous: r.previous ? { ...r.previous, effectiveAt: new Date(r.previous.effectiveAt) } : null }));
}

export interface StaffActionBehind {
  id: string;
  action: string;
  status: string;
  reason: string | null;
  requestedBy: string | null;
  approvedBy: string | null;
  approvalComment: string | null;
  createdAt: Date;
  executedAt: Date | null;
}

/**
 * The ids a staff action about this customer may target: the Stripe customer (billing
 * actions) and the product users owning its workspaces (account actions — a ban or a
 * suspension that cancels the subscriptions targets the user). Without a product schema
 * only the Stripe id.
 */
export async function findCustomerTargetIds(db: DbOrTrx, customerId: string): Promise<string[]> {
  const { rows: schema } = await sql<{ present: boolean }>`select to_regclass('app.workspaces') is not null as present`.execute(db);
  if (!schema[0]?.present) return [customerId];
  const { rows } = await sql<{ ownerUserId: string }>`
    select distinct owner_user_id::text from app.workspaces where stripe_customer_id = ${customerId} and owner_user_id is not null limit 20`.execute(db);
  return [customerId, ...rows.map((r) => r.ownerUserId)];
}

export async function findStaffActionsAround(db: DbOrTrx, targetIds: readonly string[], day: string): Promise<StaffActionBehind[]> {
  const { rows } = await sql<StaffActionBehind>`
    select r.id, r.action, r.status, r.reason, requester.email as requested_by, approver.email as approved_by, r.decision_comment as approval_comment, r.created_at, r.executed_at
    from ops.action_requests r
    left join ops.staff requester on requester.id = r.requester_id
    left join ops.staff approver on approver.id = r.approver_id
    where r.target_type = 'customer' and r.target_id = any(${targetIds as string[]}::text[])
      and coalesce(r.executed_at, r.created_at) between ${day}::date - ${WINDOW} and ${day}::date + 1 + ${WINDOW}
    order by r.created_at limit 20`.execute(db);
  return rows;
}

export interface AuditRowBehind {
  id: string;
  occurredAt: Date;
  actorEmail: string | null;
  action: string;
  reason: string | null;
  result: string;
}

/** The reason is read through openAuditRows: rows about a customer keep it sealed under the customer's key. */
export async function findAuditRowsAround(db: DbOrTrx, targetIds: readonly string[], day: string): Promise<AuditRowBehind[]> {
  const { rows } = await sql<AuditRowBehind & { input: unknown }>`
    select a.id::text, a.occurred_at, a.actor_email, a.action, a.reason, a.result, a.input
    from ops.audit_log a
    where a.target_type = 'customer' and a.target_id = any(${targetIds as string[]}::text[])
      and a.occurred_at between ${day}::date - ${WINDOW} and ${day}::date + 1 + ${WINDOW}
    order by a.id limit 20`.execute(db);
  return (await openAuditRows(db, rows)).map(({ id, occurredAt, actorEmail, action, reason, result }) => ({ id, occurredAt, actorEmail, action, reason: reason ?? null, result }));
}

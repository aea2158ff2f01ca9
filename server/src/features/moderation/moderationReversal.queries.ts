import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** The content status a decision replaced, as its `decided` event recorded it. */
export async function findContentStatusBefore(db: DbOrTrx, decisionId: string): Promise<string | null> {
  const rows = await sql<{ before: string | null }>`
    select data->>'contentStatusBefore' as before from ops.moderation_events where decision_id = ${decisionId}::uuid and kind = 'decided' order by id limit 1`.execute(db);
  return rows.rows[0]?.before ?? null;
}

/**
 * Puts the content back to `to` only while it still has the status the decision gave it
 * (`from`): a later decision or the product itself may have changed it since, and a
 * reversal must not undo that. Returns the status found.
 */
export async function restoreContentStatus(trx: Trx, contentId: string, from: string, to: string): Promise<{ found: string | null; restored: boolean }> {
  const rows = await sql<{ status: string }>`select status from app.content where id = ${contentId}::uuid for update`.execute(trx);
  const found = rows.rows[0]?.status ?? null;
  if (found !== from) return { found, restored: false };
  await sql`update app.content set status = ${to} where id = ${contentId}::uuid`.execute(trx);
  return { found, restored: true };
}

export async function findUserStatus(db: DbOrTrx, userId: string): Promise<string | null> {
  const rows = await sql<{ status: string }>`select status from app.users where id = ${userId}::uuid`.execute(db);
  return rows.rows[0]?.status ?? null;
}

export async function markDecisionReversed(trx: Trx, decisionId: string, by: { id: string }, reason: string, appealId: string | null): Promise<Date> {
  const rows = await sql<{ reversedAt: Date }>`
    update ops.moderation_decisions set reversed_at = now(), reversed_by = ${by.id}, reversal_reason = ${reason}, reversal_appeal_id = ${appealId}
    where id = ${decisionId}::uuid and reversed_at is null returning reversed_at`.execute(trx);
  return rows.rows[0]!.reversedAt;
}

/** The account action a suspend or ban decision went through, and where it stands. */
export async function setDecisionAccountAction(trx: Trx, decisionId: string, requestId: string, status: 'done' | 'in_progress' | 'pending_approval'): Promise<void> {
  await sql`update ops.moderation_decisions set account_action_request_id = ${requestId}::uuid, account_action_status = ${status} where id = ${decisionId}::uuid`.execute(trx);
}

/** Where the account action stands now: a request held for approval may have been approved (and run) since the decision. */
export async function findActionRequestStatus(db: DbOrTrx, requestId: string): Promise<string | null> {
  const rows = await sql<{ status: string }>`select status from ops.action_requests where id = ${requestId}::uuid`.execute(db);
  return rows.rows[0]?.status ?? null;
}

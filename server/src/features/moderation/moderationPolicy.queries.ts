import { sql } from 'kysely';
import type { TModerationReasonCode } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/** One row of the policy table (ops.moderation_reason_codes, seeded by migration 0024). */
export type ReasonCodeRow = TModerationReasonCode;

const SELECT_REASON_CODES = sql`select code, label, reason_group, dsa_category, decision_type, decision_ground, ground_reference, severity, active from ops.moderation_reason_codes`;

export async function findReasonCodes(db: DbOrTrx): Promise<ReasonCodeRow[]> {
  const rows = await sql<ReasonCodeRow>`${SELECT_REASON_CODES} order by severity desc, code`.execute(db);
  return rows.rows;
}

export async function findActiveReasonCode(db: DbOrTrx, code: string): Promise<ReasonCodeRow | undefined> {
  const rows = await sql<ReasonCodeRow>`${SELECT_REASON_CODES} where code = ${code} and active`.execute(db);
  return rows.rows[0];
}

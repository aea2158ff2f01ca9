import { sql } from 'kysely';
import type { TDsaCategory, TDsaDecisionGround, TModerationDecisionType } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/** One row of the policy table (ops.moderation_reason_codes, seeded by migration 0024). */
export interface ReasonCodeRow {
  code: string;
  label: string;
  reasonGroup: string;
  dsaCategory: TDsaCategory;
  decisionType: TModerationDecisionType;
  decisionGround: TDsaDecisionGround;
  groundReference: string;
  severity: number;
  active: boolean;
}

export async function findReasonCodes(db: DbOrTrx): Promise<ReasonCodeRow[]> {
  const rows = await sql<ReasonCodeRow>`select code, label, reason_group, dsa_category, decision_type, decision_ground, ground_reference, severity, active from ops.moderation_reason_codes order by severity desc, code`.execute(db);
  return rows.rows;
}

export async function findActiveReasonCode(db: DbOrTrx, code: string): Promise<ReasonCodeRow | undefined> {
  const rows = await sql<ReasonCodeRow>`select code, label, reason_group, dsa_category, decision_type, decision_ground, ground_reference, severity, active from ops.moderation_reason_codes where code = ${code} and active`.execute(db);
  return rows.rows[0];
}

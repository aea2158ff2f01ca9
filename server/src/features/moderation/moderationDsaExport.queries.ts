import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export interface StoredStatement {
  decisionId: string;
  createdMicros: string;
  /** As stored (jsonb read as text: the CamelCasePlugin would rename the DSA's snake_case keys). */
  statementJson: string;
}

/**
 * Statements of reasons of decisions taken in [from, to), oldest first, a page at a time
 * (keyset on created_at, id; `after` is the last row's `createdMicros` and id, exact to the
 * microsecond). Dismissals have no statement and are not read.
 */
export async function findStatementsPage(db: DbOrTrx, range: { from: Date; to: Date }, after: { createdMicros: string; id: string } | null, limit: number): Promise<StoredStatement[]> {
  const rows = await sql<StoredStatement>`
    select id as decision_id, (extract(epoch from created_at) * 1000000)::bigint::text as created_micros, statement::text as statement_json
    from ops.moderation_decisions
    where statement is not null and created_at >= ${range.from} and created_at < ${range.to}
      ${after ? sql`and (created_at, id) > (timestamptz 'epoch' + ${after.createdMicros}::bigint * interval '1 microsecond', ${after.id}::uuid)` : sql``}
    order by created_at, id limit ${limit}`.execute(db);
  return rows.rows;
}

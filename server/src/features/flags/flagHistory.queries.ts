import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * The audit rows of one flag, newest first, keyset-paged on id. Targets are listed
 * exactly (`key` for the flag itself, `key@env` per environment), so the lookup walks
 * the audit log's (target_type, target_id, id desc) index instead of scanning it.
 * An approved change names its request in `after.requestId`; the approver comes from it.
 * `input` is read for its seal only: a row an erasure sealed (privacy/erasure/erasureFlagAudit.ts)
 * holds its values there, and the caller opens it (audit/auditOpen.ts).
 */
export function findFlagAuditRows(db: DbOrTrx, filter: { targetIds: string[]; beforeId?: string | undefined; limit: number }) {
  let query = db
    .selectFrom('ops.auditLog as a')
    .leftJoin('ops.staff as actor', 'actor.id', 'a.actorId')
    .leftJoin('ops.actionRequests as ar', (join) => join.on(sql<boolean>`ar.id::text = a.after ->> 'requestId'`))
    .leftJoin('ops.staff as approver', 'approver.id', 'ar.approverId')
    .select(['a.id', 'a.occurredAt', 'a.action', 'a.targetId', 'a.actorEmail', 'a.input', 'a.before', 'a.after', 'actor.name as actorName', 'approver.name as approverName', 'approver.email as approverEmail'])
    .where('a.targetType', '=', 'flag')
    .where('a.targetId', 'in', filter.targetIds)
    .where('a.result', '=', 'success');
  if (filter.beforeId) query = query.where('a.id', '<', filter.beforeId);
  return query.orderBy('a.id', 'desc').limit(filter.limit).execute();
}

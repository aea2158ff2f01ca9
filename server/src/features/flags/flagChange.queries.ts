import type { DbOrTrx } from '../../db/database.js';

/** The staff action a flag change request is stored under (flagChange.action.ts). */
export const FLAG_CHANGE_ACTION = 'flags.changeEnvironment';

/**
 * The change an execution applies, as stored now: read under the environment's lock,
 * because a GDPR erasure may have rewritten the request since it was approved
 * (flagSubjectErasure.service.ts), and the copy the approval read is then out of date.
 */
export function findExecutingFlagChange(db: DbOrTrx, idempotencyKey: string) {
  return db
    .selectFrom('ops.actionRequests')
    .select(['input', 'preview'])
    .where('action', '=', FLAG_CHANGE_ACTION)
    .where('idempotencyKey', '=', idempotencyKey)
    .where('status', '=', 'executing')
    .executeTakeFirst();
}

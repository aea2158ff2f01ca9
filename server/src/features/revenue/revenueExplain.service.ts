import type { DbOrTrx } from '../../db/database.js';
import { findAuditRowsAround, findCustomerTargetIds, findMovement, findStaffActionsAround, findStateChangesOnDay } from './revenueExplain.queries.js';

/** One movement with everything behind it (see revenueExplain.queries.ts). */
export async function explainMovement(db: DbOrTrx, movementId: string) {
  const movement = await findMovement(db, movementId);
  if (!movement) return null;
  const targetIds = await findCustomerTargetIds(db, movement.customerId);
  const [stateChanges, staffActions, auditEntries] = await Promise.all([
    findStateChangesOnDay(db, movement.customerId, movement.day),
    findStaffActionsAround(db, targetIds, movement.day),
    findAuditRowsAround(db, targetIds, movement.day),
  ]);
  return { movement, stateChanges, staffActions, auditEntries };
}

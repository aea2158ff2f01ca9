import { TRPCError } from '@trpc/server';
import type { Role } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { countActiveAdmins, lockStaffById, type StaffRecord } from './staff.queries.js';

export async function lockStaffOrThrow(trx: DbOrTrx, id: string): Promise<StaffRecord> {
  const staff = await lockStaffById(trx, id);
  if (!staff) throw new TRPCError({ code: 'NOT_FOUND', message: 'No staff member with that id.' });
  return staff;
}

/**
 * Refuses a change that would leave no active admin: nobody could then manage staff
 * or fix the lock-out. Runs inside the change's transaction, after the row lock.
 */
export async function assertAdminRemains(trx: DbOrTrx, staff: StaffRecord, next: { roles: Role[]; status: StaffRecord['status'] }): Promise<void> {
  const wasActiveAdmin = staff.status === 'active' && staff.roles.includes('admin');
  const staysActiveAdmin = next.status === 'active' && next.roles.includes('admin');
  if (wasActiveAdmin && !staysActiveAdmin && (await countActiveAdmins(trx)) <= 1) {
    throw new TRPCError({ code: 'CONFLICT', message: 'This is the last active admin. Make someone else an admin first.' });
  }
}

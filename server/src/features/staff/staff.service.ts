import { TRPCError } from '@trpc/server';
import type { Role, TCreateStaffRequest, TStaff } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { hashPassword } from '../auth/password.js';
import { revokeStaffSessions } from '../auth/sessions.queries.js';
import { isTotpRequiredFor } from '../security/security.queries.js';
import { voidPendingRequestsOf } from '../actionRequests/actionRequest.queries.js';
import { countActiveAdmins, findStaffByEmail, insertStaff, lockStaffById, lockStaffRoleChanges, toStaff, updateStaff, type StaffRecord } from './staff.queries.js';

/**
 * Staff changes shared by the console's router and the bootstrap CLI. Each takes the
 * caller's transaction and returns before/after so the caller can audit it.
 */
export async function lockStaffOrThrow(trx: DbOrTrx, id: string): Promise<StaffRecord> {
  const staff = await lockStaffById(trx, id);
  if (!staff) throw new TRPCError({ code: 'NOT_FOUND', message: 'No staff member with that id.' });
  return staff;
}

/**
 * The start of every change to roles or status: the staff-wide change lock, then the
 * row lock (in that order, always), so assertAdminRemains counts settled admins.
 */
async function lockForRoleOrStatusChange(trx: DbOrTrx, id: string): Promise<StaffRecord> {
  await lockStaffRoleChanges(trx);
  return lockStaffOrThrow(trx, id);
}

/**
 * Refuses a change that would leave no active admin: nobody could then manage staff
 * or fix the lock-out. Runs inside the change's transaction, after
 * lockForRoleOrStatusChange: without that lock two admins removing each other would
 * each count the other and both succeed.
 */
async function assertAdminRemains(trx: DbOrTrx, staff: StaffRecord, next: { roles: Role[]; status: StaffRecord['status'] }): Promise<void> {
  const wasActiveAdmin = staff.status === 'active' && staff.roles.includes('admin');
  const staysActiveAdmin = next.status === 'active' && next.roles.includes('admin');
  if (wasActiveAdmin && !staysActiveAdmin && (await countActiveAdmins(trx)) <= 1) {
    throw new TRPCError({ code: 'CONFLICT', message: 'This is the last active admin. Make someone else an admin first.' });
  }
}

export async function createStaffMember(trx: DbOrTrx, input: TCreateStaffRequest): Promise<TStaff> {
  if (await findStaffByEmail(trx, input.email)) {
    throw new TRPCError({ code: 'CONFLICT', message: `${input.email} already has a staff account.` });
  }
  const passwordHash = await hashPassword(input.password);
  return toStaff(await insertStaff(trx, { email: input.email, name: input.name, roles: input.roles, passwordHash }));
}

export async function updateStaffMember(trx: DbOrTrx, id: string, changes: { name: string; roles: Role[] }) {
  const before = await lockForRoleOrStatusChange(trx, id);
  await assertAdminRemains(trx, before, { roles: changes.roles, status: before.status });
  const after = await updateStaff(trx, id, changes);
  return { before: toStaff(before), after: toStaff(after), sessionsRevoked: await endSessionsMissingRequiredTotp(trx, before, after) };
}

/**
 * A member given a role that requires TOTP (security settings) while not enrolled holds
 * sessions opened without the code that role asks for: they would use its permissions
 * for up to the session's 12 hours without ever enrolling. Their sessions end, so the
 * next sign-in enrolls them (auth.service.ts). Other role changes apply to live sessions
 * at once (roles are read per request) and end nothing.
 */
async function endSessionsMissingRequiredTotp(trx: DbOrTrx, before: StaffRecord, after: StaffRecord): Promise<number> {
  if (after.totpSecret !== null || (await isTotpRequiredFor(trx, before.roles)) || !(await isTotpRequiredFor(trx, after.roles))) return 0;
  return revokeStaffSessions(trx, after.id);
}

/** Disabling also ends every session the member has, so access stops now, not at idle timeout. */
export async function setStaffStatus(trx: DbOrTrx, id: string, status: StaffRecord['status']) {
  const before = await lockForRoleOrStatusChange(trx, id);
  if (status === 'disabled') await assertAdminRemains(trx, before, { roles: before.roles, status });
  const after = await updateStaff(trx, id, { status });
  const sessionsRevoked = status === 'disabled' ? await revokeStaffSessions(trx, id) : 0;
  // Four-eyes: what a departed member asked for must not be approved into effect later.
  const requestsVoided = status === 'disabled' ? await voidPendingRequestsOf(trx, id) : 0;
  return { before: toStaff(before), after: toStaff(after), sessionsRevoked, requestsVoided };
}

export async function resetStaffPassword(trx: DbOrTrx, id: string, password: string): Promise<{ sessionsRevoked: number }> {
  // Hashed before the row is locked: argon2 takes a good fraction of a second, and the
  // lock would stall every other change to this member (a disable, a role change) meanwhile.
  const passwordHash = await hashPassword(password);
  await lockStaffOrThrow(trx, id);
  await updateStaff(trx, id, { passwordHash });
  return { sessionsRevoked: await revokeStaffSessions(trx, id) };
}

/**
 * An admin's reset of a member's TOTP (lost phone, or a factor someone else may hold)
 * also ends every session they have: sessions opened with the old factor, possibly by
 * whoever had it, must not live on for their 12 hours.
 */
export async function resetStaffTotp(trx: DbOrTrx, id: string) {
  const before = await lockStaffOrThrow(trx, id);
  const after = await updateStaff(trx, id, { totpSecret: null, totpEnrolledAt: null, totpLastTimeStep: null });
  return { before: toStaff(before), after: toStaff(after), sessionsRevoked: await revokeStaffSessions(trx, id) };
}

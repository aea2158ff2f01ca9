import { sql, type Selectable } from 'kysely';
import type { Role, TStaff } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { containsPattern } from '../../db/likePattern.js';
import type { StaffTable } from '../../db/schema.js';

export type StaffRecord = Selectable<StaffTable>;

export async function findStaffByEmail(db: DbOrTrx, email: string): Promise<StaffRecord | undefined> {
  return db.selectFrom('ops.staff').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findStaffById(db: DbOrTrx, id: string): Promise<StaffRecord | undefined> {
  return db.selectFrom('ops.staff').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Serialises every change of a staff member's roles or status, so the last-admin rule
 * counts admins that no concurrent change is removing. Transaction-scoped (released at
 * commit or rollback) and always taken before any staff row lock, so two changes cannot
 * deadlock on each other.
 */
export async function lockStaffRoleChanges(trx: DbOrTrx): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockStaffRoleChanges needs a transaction: the lock lasts until it ends.');
  await sql`select pg_advisory_xact_lock(hashtextextended('opsdesk.staff:roles-and-status', 0))`.execute(trx);
}

/** Serialises concurrent first starts (two instances) seeding the same database. */
export async function lockDemoStaffSeed(trx: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('opsdesk:demo-seed'))`.execute(trx);
}

export async function hasAnyStaff(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('ops.staff').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Row lock for read-modify-write changes, so the audit's "before" is the state that was changed. */
export async function lockStaffById(trx: DbOrTrx, id: string): Promise<StaffRecord | undefined> {
  return trx.selectFrom('ops.staff').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listStaff(db: DbOrTrx, filter: { q?: string; status?: string; role?: Role }): Promise<StaffRecord[]> {
  let query = db.selectFrom('ops.staff').selectAll();
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  if (filter.status) query = query.where('status', '=', filter.status as StaffRecord['status']);
  if (filter.role) query = query.where(sql<boolean>`${filter.role} = any(roles)`);
  // Staff lists are small (tens to hundreds), so one ordered page is right here.
  return query.orderBy('email').limit(1000).execute();
}

export async function insertStaff(db: DbOrTrx, staff: { email: string; name: string; roles: Role[]; passwordHash: string }): Promise<StaffRecord> {
  return db.insertInto('ops.staff').values({ ...staff, status: 'active' }).returningAll().executeTakeFirstOrThrow();
}

export async function updateStaff(
  db: DbOrTrx,
  id: string,
  changes: Partial<Pick<StaffRecord, 'name' | 'roles' | 'status' | 'passwordHash' | 'totpSecret' | 'totpEnrolledAt' | 'lastLoginAt'>> & { totpLastTimeStep?: number | null },
): Promise<StaffRecord> {
  return db.updateTable('ops.staff').set({ ...changes, updatedAt: sql<Date>`now()` as never }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * First-time TOTP enrollment: stores the secret only while the member has none, so the
 * path that asks for no current factor can never replace one (replacing is
 * account/replaceTotp.ts). Undefined when the member already has a secret.
 */
export async function storeFirstTotpSecret(db: DbOrTrx, id: string, totp: { totpSecret: string; totpLastTimeStep: number }): Promise<StaffRecord | undefined> {
  return db
    .updateTable('ops.staff')
    .set({ ...totp, totpEnrolledAt: sql<Date>`now()` as never, updatedAt: sql<Date>`now()` as never })
    .where('id', '=', id)
    .where('totpSecret', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** TOTP replay guard: records the code's time step only if it is later than the last one used. */
export async function claimTotpTimeStep(db: DbOrTrx, id: string, timeStep: number): Promise<boolean> {
  const claimed = await db
    .updateTable('ops.staff')
    .set({ totpLastTimeStep: timeStep })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totpLastTimeStep', 'is', null), eb('totpLastTimeStep', '<', timeStep as never)]))
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

export async function countActiveAdmins(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('ops.staff')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('status', '=', 'active')
    .where(sql<boolean>`'admin' = any(roles)`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The public shape: never the password hash or the TOTP secret. */
export function toStaff(row: StaffRecord): TStaff {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    status: row.status,
    totpEnrolled: row.totpEnrolledAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  };
}

import { sql } from 'kysely';
import { ZSecuritySettingsSchema, type Role, type TSecuritySettings } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

const KEY = 'security';
const DEFAULTS: TSecuritySettings = { totpRequiredRoles: [] };

export async function getSecuritySettings(db: DbOrTrx): Promise<TSecuritySettings> {
  const row = await db.selectFrom('ops.settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? ZSecuritySettingsSchema.parse(row.value) : DEFAULTS;
}

export async function saveSecuritySettings(db: DbOrTrx, settings: TSecuritySettings): Promise<void> {
  const value = JSON.stringify(settings);
  await db
    .insertInto('ops.settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: sql<Date>`now()` as never }))
    .execute();
}

export async function isTotpRequiredFor(db: DbOrTrx, roles: readonly Role[]): Promise<boolean> {
  const { totpRequiredRoles } = await getSecuritySettings(db);
  return roles.some((role) => totpRequiredRoles.includes(role));
}

/**
 * A role that requires TOTP: its members who have not enrolled hold sessions opened
 * without the code the role asks for, and would keep using them for up to the session's
 * 12 hours. Every save of the settings ends those sessions in its transaction (so a
 * member who slipped past the rule, e.g. given the role while the settings changed, is
 * caught too), and their next sign-in enrolls them (auth.service.ts); enrolled members
 * keep theirs. The same rule as a role given to one unenrolled member (staff.service.ts).
 */
export async function endSessionsOfUnenrolledMembers(trx: DbOrTrx, roles: readonly Role[]): Promise<{ membersSignedOut: number; sessionsRevoked: number }> {
  if (roles.length === 0) return { membersSignedOut: 0, sessionsRevoked: 0 };
  const revoked = await trx
    .updateTable('ops.staffSessions')
    .set({ revokedAt: sql<Date>`now()` as never })
    .where('revokedAt', 'is', null)
    .where('staffId', 'in', (qb) =>
      qb
        .selectFrom('ops.staff')
        .select('id')
        .where('totpSecret', 'is', null)
        .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`),
    )
    .returning('staffId')
    .execute();
  return { membersSignedOut: new Set(revoked.map((row) => row.staffId)).size, sessionsRevoked: revoked.length };
}

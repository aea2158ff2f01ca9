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

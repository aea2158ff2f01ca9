import { sql } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** API keys for the client and evaluation APIs: only the sha-256 of a secret is ever stored. */

export function insertApiKey(trx: Trx, key: { environment: string; name: string; tokenHash: string; prefix: string; createdBy: string | null; createdByLabel: string }) {
  return trx.insertInto('ops.flagApiKeys').values(key).returning(['id', 'environment', 'name', 'prefix', 'createdAt']).executeTakeFirstOrThrow();
}

/** Every column but the hash: nothing that could help guess a secret leaves this query. */
export function findApiKeys(db: DbOrTrx, options: { includeRevoked: boolean }) {
  let query = db
    .selectFrom('ops.flagApiKeys')
    .select(['id', 'environment', 'name', 'prefix', 'createdByLabel', 'createdAt', 'revokedAt', 'revokedByLabel', 'lastUsedAt'])
    .orderBy('createdAt', 'desc');
  if (!options.includeRevoked) query = query.where('revokedAt', 'is', null);
  return query.execute();
}

/** Revokes once: a second revoke finds nothing to change (null), so a retry changes nothing. */
export function revokeApiKey(trx: Trx, id: string, revokedByLabel: string) {
  return trx
    .updateTable('ops.flagApiKeys')
    .set({ revokedAt: sql`now()` as never, revokedByLabel })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning(['id', 'environment', 'name', 'prefix', 'revokedAt'])
    .executeTakeFirst();
}

export function findApiKeyById(db: DbOrTrx, id: string) {
  return db.selectFrom('ops.flagApiKeys').select(['id', 'environment', 'name', 'prefix', 'revokedAt']).where('id', '=', id).executeTakeFirst();
}

/** One round trip per API request: the live key and its environment's current revision. */
export function findLiveKeyByHash(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom('ops.flagApiKeys as k')
    .innerJoin('ops.flagEnvironments as e', 'e.name', 'k.environment')
    .select(['k.id', 'k.environment', 'k.lastUsedAt', 'e.revision'])
    .where('k.tokenHash', '=', tokenHash)
    .where('k.revokedAt', 'is', null)
    .executeTakeFirst();
}

/** At most one write a minute per key: "last used" is for people, not an access log. */
export async function touchApiKey(db: DbOrTrx, id: string): Promise<void> {
  await db
    .updateTable('ops.flagApiKeys')
    .set({ lastUsedAt: sql`now()` as never })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}

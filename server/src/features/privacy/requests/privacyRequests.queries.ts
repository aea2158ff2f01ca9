import type { Updateable } from 'kysely';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import type { PrivacyRequestTable } from '../privacy.table.js';

/** One request as stored (dates as YYYY-MM-DD text: pg would read `date` as local midnight). */
function selectRequest(db: DbOrTrx) {
  return db
    .selectFrom('ops.privacyRequests')
    .selectAll()
    .select((eb) => [eb.cast<string>('originalDueOn', 'text').as('originalDueOn'), eb.cast<string>('dueOn', 'text').as('dueOn')]);
}

export function findPrivacyRequest(db: DbOrTrx, id: string) {
  return selectRequest(db).where('id', '=', id).executeTakeFirst();
}

/** The request, locked until the transaction ends: every status change goes through here. */
export function lockPrivacyRequest(trx: Trx, id: string) {
  return selectRequest(trx).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updatePrivacyRequest(trx: DbOrTrx, id: string, fields: Updateable<PrivacyRequestTable>): Promise<void> {
  await trx.updateTable('ops.privacyRequests').set({ ...fields, updatedAt: new Date() }).where('id', '=', id).execute();
}

import { sql, type SqlBool } from 'kysely';
import type { TCustomerListFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { encodeListCursor, type ListCursor } from './lookup.cursor.js';
import type { CustomerIdPage } from './lookup.list.queries.js';
import { COUNTED_ITEM_SQL, filteredUsers, ITEM_MONTHLY_SQL, MRR_SQL } from './customerListFilter.queries.js';

/**
 * "Highest MRR first": the users who pay (MRR > 0), by MRR then id, both descending; then
 * everyone else by id descending. Two keyset walks, because the second is almost the whole
 * table: ordering a million users by a per-user sum would sort all of them on every page.
 * The first aggregates only live subscriptions (a few per cent of users) and joins them to
 * their owners; the second walks the primary key backwards past the payers. The cursor's
 * key is the last row's MRR in cents, `0` once in the second walk.
 */
export async function findCustomerIdPageByMrr(db: DbOrTrx, input: { filter: TCustomerListFilter; after: ListCursor | null; limit: number }): Promise<CustomerIdPage> {
  const { filter, after, limit } = input;
  const rows: { id: string; mrrKey: string }[] = [];
  if (!after || after.key !== '0') rows.push(...(await payingPage(db, filter, after, limit + 1)));
  if (rows.length <= limit) {
    const afterId = after?.key === '0' ? after.id : null;
    rows.push(...(await nonPayingPage(db, filter, afterId, limit + 1 - rows.length)));
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    userIds: page.map((row) => row.id),
    nextCursor: rows.length > limit && last ? encodeListCursor({ sort: 'mrr_desc', key: last.mrrKey, id: last.id }) : null,
  };
}

/** An owner's MRR in whole cents, as MRR_SQL rounds it: the payers' key, in their walk's filter and columns. */
const OWNER_MRR_SQL = sql<string>`round(sum(${ITEM_MONTHLY_SQL}))::bigint`;

function payingPage(db: DbOrTrx, filter: TCustomerListFilter, after: ListCursor | null, take: number) {
  const paying = db
    .selectFrom('billing.subscriptions as s')
    .innerJoin('app.workspaces as w', 'w.stripeCustomerId', 's.customerId')
    .innerJoin('billing.subscriptionItems as si', 'si.subscriptionId', 's.id')
    .innerJoin('billing.prices as p', 'p.id', 'si.priceId')
    .where(COUNTED_ITEM_SQL)
    .where('w.ownerUserId', 'is not', null)
    .groupBy('w.ownerUserId')
    .having(sql<SqlBool>`${OWNER_MRR_SQL} > 0`)
    .select(['w.ownerUserId as userId', OWNER_MRR_SQL.as('mrr')]);
  let query = filteredUsers(db, filter)
    .innerJoin(paying.as('paying'), 'paying.userId', 'u.id')
    .select(['u.id', sql<string>`paying.mrr::text`.as('mrrKey')]);
  if (after) query = query.where(sql<SqlBool>`(paying.mrr, u.id) < (${after.key}::bigint, ${after.id}::uuid)`);
  return query.orderBy(sql`paying.mrr`, 'desc').orderBy('u.id', 'desc').limit(take).execute();
}

function nonPayingPage(db: DbOrTrx, filter: TCustomerListFilter, afterId: string | null, take: number) {
  let query = filteredUsers(db, filter)
    .where(MRR_SQL, '=', 0)
    .select(['u.id', sql<string>`'0'`.as('mrrKey')]);
  if (afterId) query = query.where('u.id', '<', afterId);
  return query.orderBy('u.id', 'desc').limit(take).execute();
}

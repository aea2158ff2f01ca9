import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export interface CatalogPrice {
  id: string;
  productName: string;
  nickname: string | null;
  currency: string;
  unitAmount: number | null;
  interval: string | null;
  intervalCount: number | null;
}

/**
 * The recurring prices a subscription can move to, from the mirror: active, licensed
 * (metered prices are not plan changes), of active products, in one currency.
 */
export async function findPlanPrices(db: DbOrTrx, currency: string): Promise<CatalogPrice[]> {
  const rows = await db
    .selectFrom('billing.prices as p')
    .innerJoin('billing.products as pr', 'pr.id', 'p.productId')
    .select(['p.id', 'pr.name as productName', 'p.nickname', 'p.currency', 'p.unitAmount', 'p.recurringInterval', 'p.recurringIntervalCount'])
    .where('p.active', '=', true)
    .where('pr.active', '=', true)
    .where('p.deletedAt', 'is', null)
    .where('p.type', '=', 'recurring')
    .where(sql<boolean>`coalesce(p.recurring_usage_type, 'licensed') = 'licensed'`)
    .where('p.currency', '=', currency.toLowerCase())
    .orderBy('pr.name')
    .orderBy('p.unitAmount')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, unitAmount: r.unitAmount === null ? null : Number(r.unitAmount), interval: r.recurringInterval, intervalCount: r.recurringIntervalCount }));
}

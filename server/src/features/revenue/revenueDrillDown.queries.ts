import { sql } from 'kysely';
import type { TRevenueDrillDownPage, TRevenueDrillDownRequest, TRevenueDrillDownRow } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { decodeDrillDownCursor, encodeDrillDownCursor } from './revenueCursor.js';
import { filterJoin } from './revenueFilter.js';

/** The customers behind a number: movements of a range (and kind), keyset-paginated by (day, id). */
export async function findDrillDownPage(db: DbOrTrx, request: TRevenueDrillDownRequest): Promise<TRevenueDrillDownPage> {
  const after = request.cursor ? decodeDrillDownCursor(request.cursor) : null;
  const { rows } = await sql<Omit<TRevenueDrillDownRow, 'beforeCents' | 'afterCents' | 'amountCents'> & Record<'beforeCents' | 'afterCents' | 'amountCents', string>>`
    select m.id::text as movement_id, m.customer_id, c.name as customer_name, c.email as customer_email, to_char(m.day, 'YYYY-MM-DD') as day, m.kind,
      m.before_cents, m.after_cents, m.amount_cents, m.subscription_id, m.source_event_id
    from revenue.movements m ${filterJoin(request.filter, 'm')}
    left join billing.customers c on c.id = m.customer_id
    where m.policy = ${request.policy} and m.day between ${request.from}::date and ${request.to}::date
      ${request.kind ? sql`and m.kind = ${request.kind}` : sql``}
      ${after ? sql`and (m.day, m.id) > (${after.day}::date, ${after.id}::bigint)` : sql``}
    order by m.day, m.id limit ${request.limit + 1}`.execute(db);
  // bigint arrives as a string; cents of one customer stay far below 2^53.
  const page = rows.slice(0, request.limit).map((r) => ({ ...r, beforeCents: Number(r.beforeCents), afterCents: Number(r.afterCents), amountCents: Number(r.amountCents) }));
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > request.limit && last ? encodeDrillDownCursor({ day: last.day, id: last.movementId }) : null };
}

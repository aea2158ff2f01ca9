import type { Db } from '../../../../db/database.js';
import { runSql } from '../../../billing/mirror/plainSql.js';

/** Each billing mirror table's rows of one Stripe customer, by the ids the erasure keeps (its customer, and its subscriptions', invoices' and charges' children). */
const ROWS_OF_CUSTOMER: Record<string, string> = {
  customers: 'id = $1',
  subscriptions: 'customer_id = $1',
  subscription_items: 'subscription_id in (select id from billing.subscriptions where customer_id = $1)',
  subscription_history: 'customer_id = $1',
  upcoming_invoices: 'customer_id = $1',
  invoices: 'customer_id = $1',
  invoice_lines: 'invoice_id in (select id from billing.invoices where customer_id = $1)',
  charges: 'customer_id = $1',
  refunds: 'charge_id in (select id from billing.charges where customer_id = $1)',
  credit_notes: 'customer_id = $1',
  disputes: 'charge_id in (select id from billing.charges where customer_id = $1)',
};

/**
 * Every billing mirror row of a Stripe customer, whole (`as_of`, `synced_at` included) as
 * JSON text, per table: equal before and after a writer ran means it wrote none of them.
 */
export async function customerMirrorRows(db: Db, customerId: string): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const [table, condition] of Object.entries(ROWS_OF_CUSTOMER)) {
    rows[table] = (await runSql<{ row: string }>(db, `select to_jsonb(t)::text as row from billing.${table} t where ${condition} order by 1`, [customerId])).map((r) => r.row);
  }
  return rows;
}

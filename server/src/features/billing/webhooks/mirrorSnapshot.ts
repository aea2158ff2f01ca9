import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

/** Mirror tables and the columns that legitimately differ between two equal mirrors. */
const TABLES: Record<string, string[]> = {
  'billing.customers': ['synced_at', 'as_of_event_id'],
  'billing.products': ['synced_at', 'as_of_event_id'],
  'billing.prices': ['synced_at', 'as_of_event_id'],
  'billing.coupons': ['synced_at', 'as_of_event_id'],
  'billing.subscriptions': ['synced_at', 'as_of_event_id'],
  'billing.subscription_items': [],
  'billing.subscription_history': ['id', 'recorded_at'],
  'billing.invoices': ['synced_at', 'as_of_event_id'],
  'billing.invoice_lines': [],
  'billing.charges': ['synced_at', 'as_of_event_id'],
  'billing.refunds': ['synced_at', 'as_of_event_id'],
  'billing.credit_notes': ['synced_at', 'as_of_event_id'],
  'billing.disputes': ['synced_at', 'as_of_event_id'],
  'billing.upcoming_invoices': ['synced_at', 'as_of_event_id'],
};

/**
 * The whole mirror as sorted text rows, for comparing two mirrors built from the same
 * events (which event of a same-second pair wrote last, and when, may differ).
 */
export async function snapshotMirror(db: Db): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const [table, ignored] of Object.entries(TABLES)) {
    const { rows } = await sql<{ row: string }>`select (to_jsonb(t) - ${sql.raw(`array[${ignored.map((c) => `'${c}'`).join(',') || "''"}]::text[]`)})::text as row from ${sql.table(table)} t`.execute(db);
    snapshot[table] = rows.map((r) => r.row).sort();
  }
  return snapshot;
}

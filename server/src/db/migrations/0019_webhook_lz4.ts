import { sql, type Kysely } from 'kysely';

/**
 * The webhook ledger's payloads and the mirror's snapshots are compressed with lz4
 * instead of PostgreSQL's default pglz, where the server is built with lz4 (Debian's
 * PostgreSQL is; the embedded server's build is not, and keeps pglz). Every webhook stores a payload of
 * a few kB and every batch decompresses it again (the customer index's expression when
 * the event is marked applied, the mirror's copy of its object): lz4 does both several
 * times faster (a 20,000-event insert took 40 % less time; docs/billing.md, "Webhook
 * ingest benchmark"). Only new values change; old ones stay readable as they are.
 * Frozen in time: never import application code here.
 */
const COLUMNS = [
  ['ops', 'stripe_events', 'payload'],
  ...['customers', 'subscriptions', 'subscription_items', 'invoices', 'invoice_lines', 'charges', 'refunds', 'products', 'prices', 'coupons', 'credit_notes', 'disputes', 'upcoming_invoices'].map((table) => ['billing', table, 'data']),
] as const;

async function setCompression(db: Kysely<any>, method: 'lz4' | 'pglz'): Promise<void> {
  for (const [schema, table, column] of COLUMNS) {
    await sql`alter table ${sql.id(schema, table)} alter column ${sql.id(column)} set compression ${sql.raw(method)}`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (rows[0]?.lz4) await setCompression(db, 'lz4');
}

export async function down(db: Kysely<any>): Promise<void> {
  await setCompression(db, 'pglz');
}

/**
 * The tables a restored backup is checked on: the ones whose loss would hurt most (who
 * may act, what was done, what customers pay), each with the column that dates its
 * newest row. The newest of those in the restored copy is the backup's recovery point.
 * Only tables whose rows are never deleted (staff are disabled, mirror rows marked
 * deleted): the check fails when the backup holds more rows than live, so a table that
 * is pruned (ops.jobs, sessions) would fail it for nothing. Edit this list when a
 * migration adds a table that matters as much; one absent from the live database is
 * left out of the comparison.
 */
export interface KeyTable {
  table: string;
  timestampColumn: string | null;
}

export const BACKUP_KEY_TABLES: readonly KeyTable[] = [
  { table: 'ops.staff', timestampColumn: 'created_at' },
  { table: 'ops.audit_log', timestampColumn: 'occurred_at' },
  { table: 'ops.action_requests', timestampColumn: 'created_at' },
  { table: 'ops.stripe_events', timestampColumn: 'received_at' },
  { table: 'billing.customers', timestampColumn: 'synced_at' },
  { table: 'billing.subscriptions', timestampColumn: 'synced_at' },
  { table: 'billing.invoices', timestampColumn: 'synced_at' },
  { table: 'billing.charges', timestampColumn: 'synced_at' },
  // The product's own tables (the demo's reference schema, features/demo/appSchema), where present.
  { table: 'app.users', timestampColumn: 'created_at' },
  { table: 'app.workspaces', timestampColumn: 'created_at' },
];

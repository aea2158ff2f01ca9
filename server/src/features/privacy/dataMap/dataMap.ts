import { APP_TABLES } from './dataMap.app.js';
import { BILLING_TABLES } from './dataMap.billing.js';
import { OPS_TABLES } from './dataMap.ops.js';
import type { DataMapSettings, TDataMapTable } from './dataMap.types.js';

export { TABLES_WITHOUT_PERSONAL_DATA } from './dataMap.opsOther.js';
export { APPEND_ONLY_TRIGGERS } from './dataMap.ops.js';

/** Every classified table: `app` and `billing` whole, `ops` where it can hold personal data. */
export const DATA_MAP: readonly TDataMapTable[] = [...APP_TABLES, ...BILLING_TABLES, ...OPS_TABLES];

const BY_NAME = new Map(DATA_MAP.map((table) => [table.table, table]));

export function findMappedTable(table: string): TDataMapTable | undefined {
  return BY_NAME.get(table);
}

/**
 * The order an erasure runs its table steps (every linked table, once). Why this order:
 * - ops moderation first: its links find the subject's content through app.content, which
 *   is deleted later;
 * - product children before parents (reports and memberships before content, content before
 *   the workspace and user tombstones), so no foreign key is left dangling;
 * - billing after the product data (the erasure deletes the Stripe customer in between, so a
 *   customer.deleted webhook that lands meanwhile is masked too), children before the
 *   invoices, charges and subscriptions their links go through, the ledger after the mirror;
 * - the privacy requests last: they are the proof, masked once everything else is done.
 * ops.audit_log is not here: its keys are shredded by the audit helper (features/audit).
 */
export const ERASURE_ORDER: readonly string[] = [
  'ops.moderation_rule_hits',
  'ops.moderation_events',
  'ops.moderation_notes',
  'ops.moderation_decisions',
  'ops.moderation_queue',
  'ops.moderation_queue_reports',
  'ops.moderation_reporter_stats',
  'ops.moderation_outcomes',
  'ops.moderation_appeals',
  'ops.moderation_product_appeals',
  'ops.staff_notes',
  'ops.staff_recent_customers',
  'ops.action_requests',
  'app.content_reports',
  'app.account_reports',
  'app.moderation_appeals',
  'app.sessions',
  'app.usage_events',
  'app.workspace_members',
  'app.content',
  'app.workspaces',
  'app.users',
  'billing.invoice_lines',
  'billing.invoices',
  'billing.refunds',
  'billing.disputes',
  'billing.charges',
  'billing.credit_notes',
  'billing.subscription_items',
  'billing.subscription_history',
  'billing.subscriptions',
  'billing.upcoming_invoices',
  'billing.customers',
  'ops.revenue_reconciliation_differences',
  'ops.stripe_events',
  'ops.privacy_requests',
];

/** The tables an erasure goes through, in order. */
export function erasureTables(): TDataMapTable[] {
  return ERASURE_ORDER.map((name) => {
    const table = BY_NAME.get(name);
    if (!table) throw new Error(`${name} is in ERASURE_ORDER but not in the data map`);
    return table;
  });
}

/**
 * The tables the access export includes: every app and billing table that can hold the
 * subject's rows, Opsdesk's notes and the moderation records about them. Not
 * ops.audit_log (the export reads it decrypted through the audit readers), nor the
 * ledger, action and privacy records (Opsdesk's own bookkeeping, not the subject's data).
 */
export const EXPORT_TABLES: readonly string[] = DATA_MAP.filter(
  (t) => t.links.length > 0 && (t.table.startsWith('app.') || t.table.startsWith('billing.') || t.table === 'ops.staff_notes' || t.table.startsWith('ops.moderation_')),
).map((t) => t.table);

export const DEFAULT_DATA_MAP_SETTINGS: DataMapSettings = { invoiceRetentionYears: 10 };

/** The table's retention period in words (keep tables), from the company's settings. */
export function retentionOf(table: TDataMapTable, settings: DataMapSettings): string | null {
  if (table.erasure.action !== 'keep') return null;
  const { retention } = table.erasure;
  return typeof retention === 'function' ? retention(settings) : retention;
}

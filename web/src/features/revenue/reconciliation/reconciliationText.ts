import type { ReconciliationReason, ReconciliationStatus, TReconciliationRun } from '@opsdesk/shared';

/** The words the Reconciliation page uses for statuses, reasons and progress (pure, unit-tested). */
export const STATUS_LABELS: Record<ReconciliationStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Finished',
  failed: 'Failed',
};

export const REASON_LABELS: Record<ReconciliationReason, string> = {
  customer_unknown: 'Customer not in the mirror',
  subscription_missing: 'Subscription missing from the mirror',
  mirror_behind: 'Mirror behind Stripe',
  changed_after_day: 'Changed after this day',
  rows_stale: 'Revenue rows behind the mirror',
  missing_at_stripe: 'No subscription at Stripe',
  excluded_currency: 'Excluded currency',
  amounts_differ: 'Amounts differ',
};

const count = (n: number) => n.toLocaleString('en-US');

/** "Listing Stripe subscriptions: 300 of about 1,200", then "Comparing …", then what was done. */
export function progressText(run: Pick<TReconciliationRun, 'status' | 'phase' | 'progress'>): string {
  const { done, total } = run.progress;
  if (run.status === 'queued') return 'Waiting to start…';
  if (run.status === 'failed') return `Stopped after ${count(done)} subscriptions.`;
  if (run.status === 'succeeded') return `${count(done)} Stripe subscriptions compared.`;
  if (run.phase === 'comparing') return `Comparing ${count(done)} Stripe subscriptions with Opsdesk's MRR…`;
  return total ? `Listing Stripe subscriptions: ${count(done)} of about ${count(Math.max(total, done))}` : `Listing Stripe subscriptions: ${count(done)}`;
}

/** 0–100 for the progress bar; null while nothing can be measured (queued, or no estimate). */
export function progressPercent(run: Pick<TReconciliationRun, 'status' | 'phase' | 'progress'>): number | null {
  if (run.status === 'succeeded' || run.status === 'failed' || run.phase === 'comparing') return 100;
  const { done, total } = run.progress;
  if (run.status === 'queued' || !total) return null;
  return Math.min(100, Math.round((done / Math.max(total, done)) * 100));
}

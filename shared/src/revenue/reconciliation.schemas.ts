import { z } from 'zod';
import { opaqueCursor } from '../text/safeText.js';
import { ZRevenueDay } from './revenue.schemas.js';

/**
 * Reconciliation with Stripe (docs/metrics.md, "Reconciliation"): Opsdesk's MRR per
 * customer on a day against MRR recomputed from the Stripe API, run in the background.
 * Zod only, so the console reuses it.
 */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export const ZReconciliationStartRequestSchema = z.strictObject({
  /** Default: today (UTC). Stripe lists subscriptions as they are now, so a future day means nothing. */
  day: ZRevenueDay.refine((day) => day <= todayUtc(), 'Choose today or a day before').optional(),
});
export type TReconciliationStartRequest = z.infer<typeof ZReconciliationStartRequestSchema>;

export const ZReconciliationGetRequestSchema = z.strictObject({ runId: z.uuid() });
export type TReconciliationGetRequest = z.infer<typeof ZReconciliationGetRequestSchema>;

export const ZReconciliationDifferencesRequestSchema = z.strictObject({
  runId: z.uuid(),
  /** Opaque: the last row's id. */
  cursor: opaqueCursor(100).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TReconciliationDifferencesRequest = z.infer<typeof ZReconciliationDifferencesRequestSchema>;

export const ZReconciliationListRequestSchema = z.strictObject({ limit: z.number().int().min(1).max(50).default(10) }).default({ limit: 10 });
export type TReconciliationListRequest = z.infer<typeof ZReconciliationListRequestSchema>;

// ── Answers ──

export const RECONCILIATION_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

/** Listing Stripe's subscriptions (the long part, with progress), then comparing with Opsdesk's rows. */
export type ReconciliationPhase = 'listing' | 'comparing' | 'done';

/**
 * Why a customer's figures differ, most specific first (the first that applies is given):
 * - customer_unknown: Stripe has the customer, the mirror does not.
 * - subscription_missing: a subscription Stripe lists is not in the mirror.
 * - mirror_behind: Stripe's subscription has changed since the mirror's last event for it.
 * - changed_after_day: (a past day) the subscription changed after that day; Stripe lists it as it is now.
 * - rows_stale: the mirror agrees with Stripe but the precomputed MRR rows do not (run revenue:rebuild).
 * - missing_at_stripe: Opsdesk counts MRR for a customer Stripe lists no subscription for.
 * - excluded_currency: billed in another currency: in neither total, listed so nothing is silent.
 * - amounts_differ: none of the above explains it: both figures are shown.
 */
export const RECONCILIATION_REASONS = [
  'customer_unknown',
  'subscription_missing',
  'mirror_behind',
  'changed_after_day',
  'rows_stale',
  'missing_at_stripe',
  'excluded_currency',
  'amounts_differ',
] as const;
export type ReconciliationReason = (typeof RECONCILIATION_REASONS)[number];

export interface TReconciliationTotals {
  opsdeskCents: number;
  stripeCents: number;
  /** Stripe − Opsdesk. */
  differenceCents: number;
}

export interface TReconciliationRun {
  id: string;
  day: string;
  status: ReconciliationStatus;
  phase: ReconciliationPhase;
  currency: string;
  /** Subscriptions listed from Stripe so far; `total` is the mirror's count when the run began (an estimate) until the run ends. */
  progress: { done: number; total: number | null };
  totals: TReconciliationTotals | null;
  customersCompared: number | null;
  /** Customers listed as differing (all of them), and how many of those are stored to page through. */
  differencesCount: number | null;
  differencesStored: number | null;
  excludedSubscriptions: number | null;
  error: string | null;
  /** The job that runs it (the Jobs page shows its log); null once that job was removed by retention. */
  jobId: string | null;
  requestedBy: { id: string; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface TReconciliationDifference {
  id: string;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  opsdeskCents: number;
  stripeCents: number;
  differenceCents: number;
  reason: ReconciliationReason;
  subscriptionId: string | null;
  /** What was found, in words (e.g. "quantity 1 → 3 since the mirror's last event, 2026-11-30 14:02 UTC"). */
  note: string | null;
}

export interface TReconciliationDifferencesPage {
  rows: TReconciliationDifference[];
  nextCursor: string | null;
}

import type { ColumnType, Generated } from 'kysely';
import type { ReconciliationPhase, ReconciliationReason, ReconciliationStatus } from '@opsdesk/shared';

/** Kysely types of migrations 0012_revenue_reconciliations and 0018_revenue_reconciliation_jobs (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint arrives as a string (database.ts); cents of a whole account stay far below 2^53. */
type Cents = ColumnType<string, number, number>;

export interface ReconciliationRunTable {
  id: Generated<string>;
  day: ColumnType<string, string, string>;
  currency: string;
  requestedBy: string;
  status: ColumnType<ReconciliationStatus, ReconciliationStatus | undefined, ReconciliationStatus>;
  phase: ColumnType<ReconciliationPhase, ReconciliationPhase | undefined, ReconciliationPhase>;
  progressDone: Generated<number>;
  progressTotal: number | null;
  opsdeskTotalCents: ColumnType<string | null, number | null | undefined, number | null>;
  stripeTotalCents: ColumnType<string | null, number | null | undefined, number | null>;
  customersCompared: number | null;
  differencesCount: number | null;
  differencesStored: number | null;
  excludedSubscriptions: number | null;
  error: string | null;
  /** The job that runs it (null once that job was pruned). */
  jobId: string | null;
  /** The last subscription listed from Stripe and kept: where a resumed run lists on from. */
  stripeCursor: string | null;
  createdAt: Timestamp;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ReconciliationDifferenceTable {
  id: Generated<string>;
  runId: string;
  customerId: string;
  opsdeskCents: Cents;
  stripeCents: Cents;
  differenceCents: Cents;
  reason: ReconciliationReason;
  subscriptionId: string | null;
  note: string | null;
}

/** One Stripe subscription as a run listed and valued it (a LiveSubscriptionValue), kept until the run's outcome is stored. */
export interface ReconciliationListedTable {
  runId: string;
  subscriptionId: string;
  value: ColumnType<unknown, string, string>;
}

export interface ReconciliationDatabase {
  'ops.revenueReconciliations': ReconciliationRunTable;
  'ops.revenueReconciliationDifferences': ReconciliationDifferenceTable;
  'ops.revenueReconciliationListed': ReconciliationListedTable;
}

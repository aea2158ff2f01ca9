import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the Stripe mirror (`billing`) and the event ledger. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;
type BigIntColumn = ColumnType<string, number | string, number | string>;
type NullableBigInt = ColumnType<string | null, number | string | null, number | string | null>;

/** Columns every mirrored object has: its snapshot and how current it is. */
export interface MirroredColumns {
  asOf: BigIntColumn;
  asOfEventId: string | null;
  deletedAt: NullableTimestamp;
  data: Json;
  syncedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface BillingCustomerTable extends MirroredColumns {
  id: string;
  email: string | null;
  name: string | null;
  balance: BigIntColumn;
  currency: string | null;
  delinquent: boolean;
  testClock: string | null;
  created: Timestamp;
}

export interface BillingProductTable extends MirroredColumns {
  id: string;
  name: string;
  active: boolean;
  created: Timestamp;
}

export interface BillingPriceTable extends MirroredColumns {
  id: string;
  productId: string;
  active: boolean;
  currency: string;
  unitAmount: NullableBigInt;
  type: string;
  recurringInterval: string | null;
  recurringIntervalCount: number | null;
  recurringUsageType: string | null;
  nickname: string | null;
  lookupKey: string | null;
  created: Timestamp;
}

export interface BillingCouponTable extends MirroredColumns {
  id: string;
  duration: string;
  durationInMonths: number | null;
  percentOff: ColumnType<string | null, number | null, number | null>;
  amountOff: NullableBigInt;
  currency: string | null;
  valid: boolean;
  created: Timestamp;
}

export interface BillingSubscriptionTable extends MirroredColumns {
  id: string;
  customerId: string;
  status: string;
  collectionMethod: string | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: NullableTimestamp;
  canceledAt: NullableTimestamp;
  endedAt: NullableTimestamp;
  trialStart: NullableTimestamp;
  trialEnd: NullableTimestamp;
  currentPeriodStart: NullableTimestamp;
  currentPeriodEnd: NullableTimestamp;
  pauseCollection: NullableJson;
  couponIds: string[];
  latestInvoiceId: string | null;
  startDate: NullableTimestamp;
  created: Timestamp;
}

export interface BillingSubscriptionItemTable {
  id: string;
  subscriptionId: string;
  priceId: string;
  quantity: number;
  currentPeriodStart: NullableTimestamp;
  currentPeriodEnd: NullableTimestamp;
  data: Json;
}

export interface BillingSubscriptionHistoryTable {
  id: Generated<string>;
  subscriptionId: string;
  customerId: string;
  effectiveAt: Timestamp;
  /** `event` (a webhook) or `fetch` (backfill / re-fetch): with sourceId, unique per state. */
  source: 'event' | 'fetch';
  sourceId: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  trialEnd: NullableTimestamp;
  items: Json;
  couponIds: string[];
  /** End of the period being served (Stripe keeps it on the items); null on rows older than migration 0010 without an event. */
  currentPeriodEnd: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The subscription's currency (lower case). */
  currency: ColumnType<string | null, string | null | undefined, string | null>;
  /** The discounts with their coupons as they were (HistoryDiscount[]); null: read coupon_ids instead. */
  discounts: ColumnType<unknown, string | null | undefined, string | null>;
  recordedAt: Generated<Date>;
}

export interface BillingInvoiceTable extends MirroredColumns {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: string | null;
  number: string | null;
  currency: string;
  amountDue: BigIntColumn;
  amountPaid: BigIntColumn;
  amountRemaining: BigIntColumn;
  subtotal: NullableBigInt;
  total: NullableBigInt;
  billingReason: string | null;
  attemptCount: number;
  periodStart: NullableTimestamp;
  periodEnd: NullableTimestamp;
  dueDate: NullableTimestamp;
  paidAt: NullableTimestamp;
  paymentIntentIds: string[];
  hostedInvoiceUrl: string | null;
  created: Timestamp;
}

export interface BillingInvoiceLineTable {
  id: string;
  invoiceId: string;
  subscriptionId: string | null;
  priceId: string | null;
  description: string | null;
  amount: BigIntColumn;
  currency: string;
  quantity: number | null;
  proration: boolean;
  periodStart: NullableTimestamp;
  periodEnd: NullableTimestamp;
  data: Json;
}

export interface BillingChargeTable extends MirroredColumns {
  id: string;
  customerId: string | null;
  paymentIntentId: string | null;
  amount: BigIntColumn;
  amountCaptured: BigIntColumn;
  amountRefunded: BigIntColumn;
  currency: string;
  status: string;
  paid: boolean;
  refunded: boolean;
  disputed: boolean;
  failureCode: string | null;
  failureMessage: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  created: Timestamp;
}

export interface BillingRefundTable extends MirroredColumns {
  id: string;
  chargeId: string | null;
  paymentIntentId: string | null;
  amount: BigIntColumn;
  currency: string;
  status: string | null;
  reason: string | null;
  created: Timestamp;
}

export interface BillingCreditNoteTable extends MirroredColumns {
  id: string;
  invoiceId: string;
  customerId: string;
  number: string | null;
  amount: BigIntColumn;
  total: BigIntColumn;
  currency: string;
  status: string;
  reason: string | null;
  type: string | null;
  created: Timestamp;
}

export interface BillingDisputeTable extends MirroredColumns {
  id: string;
  chargeId: string;
  amount: BigIntColumn;
  currency: string;
  status: string;
  reason: string | null;
  created: Timestamp;
}

export interface BillingUpcomingInvoiceTable extends MirroredColumns {
  subscriptionId: string;
  customerId: string;
  amountDue: BigIntColumn;
  currency: string;
  nextPaymentAttempt: NullableTimestamp;
}

export interface StripeEventTable {
  id: string;
  type: string;
  created: Timestamp;
  apiVersion: string | null;
  payload: Json;
  receivedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  processedAt: NullableTimestamp;
  attempts: number;
  status: 'pending' | 'processed' | 'failed' | 'ignored';
  lastError: string | null;
  /** A failed event is retried from then on (the inbox's backoff). */
  nextAttemptAt: NullableTimestamp;
}

export interface StripeBackfillStateTable {
  resource: string;
  cursor: string | null;
  objectsSynced: BigIntColumn;
  startedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  completedAt: NullableTimestamp;
}

export interface BillingDatabase {
  'billing.customers': BillingCustomerTable;
  'billing.products': BillingProductTable;
  'billing.prices': BillingPriceTable;
  'billing.coupons': BillingCouponTable;
  'billing.subscriptions': BillingSubscriptionTable;
  'billing.subscriptionItems': BillingSubscriptionItemTable;
  'billing.subscriptionHistory': BillingSubscriptionHistoryTable;
  'billing.invoices': BillingInvoiceTable;
  'billing.invoiceLines': BillingInvoiceLineTable;
  'billing.charges': BillingChargeTable;
  'billing.refunds': BillingRefundTable;
  'billing.creditNotes': BillingCreditNoteTable;
  'billing.disputes': BillingDisputeTable;
  'billing.upcomingInvoices': BillingUpcomingInvoiceTable;
  'ops.stripeEvents': StripeEventTable;
  'ops.stripeBackfillState': StripeBackfillStateTable;
}

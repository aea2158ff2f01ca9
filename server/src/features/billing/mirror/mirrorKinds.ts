import type Stripe from 'stripe';
import type { BillingDatabase } from '../../../db/billingSchema.js';
import { chargeRow, couponRow, creditNoteRow, customerRow, disputeRow, invoiceRow, priceRow, productRow, refundRow, subscriptionRow } from './objectRows.js';
import { invoiceLineRows, subscriptionItemRows, withAllInvoiceLines } from './children.js';

/** Any Stripe object: deleted ones come back as `{ id, deleted: true }`. */
export interface StripeObject {
  id: string;
  deleted?: unknown;
}

export type MirrorTable = Extract<keyof BillingDatabase, `billing.${string}`>;

/**
 * How each mirrored Stripe object type is stored and re-fetched. Processing is
 * generic over this table: adding an object type means adding a row here.
 */
export interface MirrorKind {
  table: MirrorTable;
  row: (object: any) => Record<string, unknown> & { id: string };
  /** The object as Stripe has it now; null when it no longer exists. */
  retrieve: (stripe: Stripe, id: string) => Promise<StripeObject | null>;
  /** Child rows replaced with the parent (subscription items, invoice lines). */
  children?: { table: 'billing.subscriptionItems' | 'billing.invoiceLines'; rows: (object: any) => Record<string, unknown>[] };
  /** Fetches what a snapshot leaves out (an invoice's lines past the first page); called outside any transaction. */
  complete?: (stripe: Stripe, object: any) => Promise<StripeObject>;
  /** `list` for the backfill. */
  list: (stripe: Stripe, params: { limit: number; starting_after?: string }) => Promise<Stripe.ApiList<{ id: string }>>;
}

const missingIsNull = async <T>(fetch: Promise<T>): Promise<T | null> => {
  try {
    return await fetch;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
};

export const MIRROR_KINDS = {
  customer: {
    table: 'billing.customers',
    row: customerRow,
    retrieve: (stripe, id) => missingIsNull(stripe.customers.retrieve(id)),
    list: (stripe, params) => stripe.customers.list(params),
  },
  product: {
    table: 'billing.products',
    row: productRow,
    retrieve: (stripe, id) => missingIsNull(stripe.products.retrieve(id)),
    list: (stripe, params) => stripe.products.list(params),
  },
  price: {
    table: 'billing.prices',
    row: priceRow,
    retrieve: (stripe, id) => missingIsNull(stripe.prices.retrieve(id)),
    list: (stripe, params) => stripe.prices.list(params),
  },
  coupon: {
    table: 'billing.coupons',
    row: couponRow,
    retrieve: (stripe, id) => missingIsNull(stripe.coupons.retrieve(id)),
    list: (stripe, params) => stripe.coupons.list(params),
  },
  subscription: {
    table: 'billing.subscriptions',
    row: subscriptionRow,
    retrieve: (stripe, id) => missingIsNull(stripe.subscriptions.retrieve(id)),
    children: { table: 'billing.subscriptionItems', rows: subscriptionItemRows },
    list: (stripe, params) => stripe.subscriptions.list({ ...params, status: 'all' }),
  },
  invoice: {
    table: 'billing.invoices',
    row: invoiceRow,
    retrieve: (stripe, id) => missingIsNull(stripe.invoices.retrieve(id)),
    children: { table: 'billing.invoiceLines', rows: invoiceLineRows },
    complete: withAllInvoiceLines,
    list: (stripe, params) => stripe.invoices.list(params) as Promise<Stripe.ApiList<{ id: string }>>,
  },
  charge: {
    table: 'billing.charges',
    row: chargeRow,
    retrieve: (stripe, id) => missingIsNull(stripe.charges.retrieve(id)),
    list: (stripe, params) => stripe.charges.list(params),
  },
  refund: {
    table: 'billing.refunds',
    row: refundRow,
    retrieve: (stripe, id) => missingIsNull(stripe.refunds.retrieve(id)),
    list: (stripe, params) => stripe.refunds.list(params),
  },
  credit_note: {
    table: 'billing.creditNotes',
    row: creditNoteRow,
    retrieve: (stripe, id) => missingIsNull(stripe.creditNotes.retrieve(id)),
    list: (stripe, params) => stripe.creditNotes.list(params),
  },
  dispute: {
    table: 'billing.disputes',
    row: disputeRow,
    retrieve: (stripe, id) => missingIsNull(stripe.disputes.retrieve(id)),
    list: (stripe, params) => stripe.disputes.list(params),
  },
} satisfies Record<string, MirrorKind>;

export type MirrorObjectType = keyof typeof MIRROR_KINDS;

export function mirrorKindOf(objectType: string): MirrorKind | undefined {
  return (MIRROR_KINDS as Record<string, MirrorKind>)[objectType];
}

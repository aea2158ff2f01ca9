import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';

/** One line of an invoice as the billing logic describes it, before it becomes a wire line_item. */
export interface LineInput {
  amount: number;
  description: string;
  period: { start: number; end: number };
  price?: StripeObject | null;
  quantity?: number | null;
  proration?: boolean;
  subscription?: string | null;
  subscriptionItem?: string | null;
  invoiceItem?: string | null;
}

export function newLine(invoiceId: string | null, currency: string, l: LineInput): StripeObject {
  const sub = l.subscription ?? null;
  const parent = l.subscriptionItem
    ? {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: l.invoiceItem ?? null,
          proration: !!l.proration,
          proration_details: { credited_items: null },
          subscription: sub,
          subscription_item: l.subscriptionItem,
        },
      }
    : l.invoiceItem
      ? {
          type: 'invoice_item_details',
          invoice_item_details: { invoice_item: l.invoiceItem, proration: !!l.proration, proration_details: { credited_items: null }, subscription: sub },
          subscription_item_details: null,
        }
      : null;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: l.amount,
    currency,
    description: l.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent,
    period: l.period,
    pretax_credit_amounts: [],
    pricing: l.price
      ? { type: 'price_details', price_details: { price: l.price.id, product: l.price.product }, unit_amount_decimal: String(l.price.unit_amount ?? 0) }
      : null,
    quantity: l.quantity ?? 1,
    quantity_decimal: String(l.quantity ?? 1),
    subscription: sub,
    subtotal: l.amount,
    taxes: [],
  };
}

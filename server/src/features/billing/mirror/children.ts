import type Stripe from 'stripe';
import { invoiceLineRow, subscriptionItemRow } from './objectRows.js';

/** A subscription's items as rows; they are replaced wholesale with the subscription. */
export const subscriptionItemRows = (subscription: Stripe.Subscription) => subscription.items.data.map((item) => subscriptionItemRow(subscription.id, item));

/** An invoice's lines as rows; they are replaced wholesale with the invoice. */
export const invoiceLineRows = (invoice: Stripe.Invoice) => (invoice.lines?.data ?? []).map((line) => invoiceLineRow(invoice.id!, line));

/** Lines arrive as the first page of a list: a long invoice gets the rest fetched (outside any transaction). */
export async function withAllInvoiceLines(stripe: Stripe, invoice: Stripe.Invoice): Promise<Stripe.Invoice> {
  if (!invoice.lines?.has_more || !invoice.id) return invoice;
  const lines: Stripe.InvoiceLineItem[] = [];
  for await (const line of stripe.invoices.listLineItems(invoice.id, { limit: 100 })) lines.push(line);
  return { ...invoice, lines: { ...invoice.lines, data: lines, has_more: false } };
}

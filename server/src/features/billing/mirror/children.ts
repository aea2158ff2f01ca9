import type Stripe from 'stripe';
import type { Trx } from '../../../db/database.js';
import { invoiceLineRow, subscriptionItemRow } from './objectRows.js';

/** Items are replaced wholesale with their subscription, so removed items disappear too. */
export async function replaceSubscriptionItems(trx: Trx, subscription: Stripe.Subscription): Promise<void> {
  await trx.deleteFrom('billing.subscriptionItems').where('subscriptionId', '=', subscription.id).execute();
  const rows = subscription.items.data.map((item) => subscriptionItemRow(subscription.id, item));
  if (rows.length) await trx.insertInto('billing.subscriptionItems').values(rows).execute();
}

/** Lines arrive as the first page of a list; long invoices need the rest fetched. */
export async function replaceInvoiceLines(trx: Trx, invoice: Stripe.Invoice, stripe: Stripe): Promise<void> {
  let lines = invoice.lines?.data ?? [];
  if (invoice.lines?.has_more && invoice.id) {
    lines = [];
    for await (const line of stripe.invoices.listLineItems(invoice.id, { limit: 100 })) lines.push(line);
  }
  await trx.deleteFrom('billing.invoiceLines').where('invoiceId', '=', invoice.id!).execute();
  const rows = lines.map((line) => invoiceLineRow(invoice.id!, line));
  if (rows.length) await trx.insertInto('billing.invoiceLines').values(rows).onConflict((oc) => oc.columns(['invoiceId', 'id']).doNothing()).execute();
}

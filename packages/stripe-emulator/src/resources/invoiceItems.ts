import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { buildInvoice } from '../billing/invoiceBuild.js';
import { newInvoiceItem } from '../billing/subscriptionItems.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, int, mergeMetadata, obj, reqStr, str } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';

/** Invoice items: pending charges picked up by the customer's next invoice (or added to a draft). */
export function registerInvoiceItems(api: Api): void {
  const { engine, router } = api;
  router.on('POST', '/v1/invoiceitems', ({ params: p }) => {
    const customer = getCustomer(api, reqStr(p, 'customer'));
    const priceId = str(p, 'price') ?? (obj(p, 'pricing') ? str(obj(p, 'pricing'), 'price', 'pricing[price]') : undefined);
    const price = priceId ? engine.store.require('price', priceId, 'price') : null;
    const quantity = int(p, 'quantity') ?? 1;
    const amount = price ? (price.unit_amount as number) * quantity : int(p, 'amount');
    if (amount === undefined) throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
    const now = engine.now(customer.id);
    const subId = str(p, 'subscription') ?? null;
    const ii = newInvoiceItem(engine, customer, {
      amount,
      description: str(p, 'description') ?? (price ? 'Invoice item' : 'Invoice item'),
      period: { start: now, end: now },
      price,
      quantity,
      subscription: subId,
    });
    if (!price) ii.currency = (str(p, 'currency') ?? (customer.currency as string | null) ?? 'usd').toLowerCase();
    const invoiceId = str(p, 'invoice');
    if (invoiceId) addItemToDraft(engine, engine.store.require('invoice', invoiceId), ii);
    ii.metadata = mergeMetadata({}, p);
    return ii;
  });
  router.on('GET', '/v1/invoiceitems/:id', ({ path }) => engine.store.require('invoiceitem', path.id));
  router.on('DELETE', '/v1/invoiceitems/:id', ({ path }) => {
    const ii = engine.store.require('invoiceitem', path.id);
    if (ii.invoice) throw invalidRequest('This invoice item is already attached to an invoice and cannot be deleted.', 'id');
    engine.store.remove('invoiceitem', ii.id);
    engine.bus.emit('invoiceitem.deleted', ii);
    return deletedStub(ii.id, 'invoiceitem');
  });
  router.on('GET', '/v1/invoiceitems', ({ params: p, url }) => {
    const customer = str(p, 'customer');
    const pending = bool(p, 'pending');
    return listOf(engine, 'invoiceitem', p, url, (x) => (!customer || x.customer === customer) && (pending === undefined || (x.invoice === null) === pending));
  });
}

/** Adds the item as a line of a draft invoice, totals updated as Stripe does. */
function addItemToDraft(engine: Engine, inv: StripeObject, ii: StripeObject): void {
  if (inv.status !== 'draft') throw invalidRequest('You can only add invoice items to draft invoices.', 'invoice');
  const rebuilt = buildInvoice(engine, {
    customer: engine.store.require('customer', inv.customer),
    lines: [{ amount: ii.amount as number, description: ii.description as string, period: ii.period as { start: number; end: number }, invoiceItem: ii.id }],
    billingReason: 'manual',
    periodStart: inv.period_start as number,
    periodEnd: inv.period_end as number,
    preview: true,
  });
  const line = { ...(rebuilt.lines.data[0] as StripeObject), invoice: inv.id };
  ii.invoice = inv.id;
  inv.lines.data.push(line);
  inv.lines.total_count = inv.lines.data.length;
  inv.subtotal = inv.subtotal_excluding_tax = (inv.subtotal as number) + (ii.amount as number);
  inv.total = inv.total_excluding_tax = (inv.total as number) + (ii.amount as number);
  inv.amount_due = inv.amount_remaining = Math.max(0, inv.total as number);
}

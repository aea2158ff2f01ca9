import type { StripeObject } from '../store.js';
import {
  attemptInvoicePayment,
  buildInvoice,
  finalizeInvoice,
  markPaid,
  markUncollectible,
  subscriptionIdOf,
  voidInvoice,
  type LineInput,
} from '../billing/invoices.js';
import { planItemUpdate } from '../billing/proration.js';
import { newInvoiceItem, pendingItemLines, periodLines, periodOf } from '../billing/subscriptionItems.js';
import { nextPeriodEnd } from '../billing/periods.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { cardError, invalidRequest } from '../wire/errors.js';
import { paginate } from '../wire/list.js';
import { bool, int, mergeMetadata, obj, objArr, oneOf, reqStr, str, type Params } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';

export function registerInvoices(api: Api): void {
  const { engine, router } = api;
  const getInvoice = (id: string | undefined) => engine.store.require('invoice', id);

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
    if (invoiceId) addItemToDraft(getInvoice(invoiceId), ii);
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

  function addItemToDraft(inv: StripeObject, ii: StripeObject): void {
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

  router.on('POST', '/v1/invoices/create_preview', ({ params: p }) => previewInvoice(api, p));

  router.on('POST', '/v1/invoices', ({ params: p }) => {
    const customer = getCustomer(api, reqStr(p, 'customer'));
    const now = engine.now(customer.id);
    const include = oneOf(p, 'pending_invoice_items_behavior', ['include', 'exclude']) ?? 'exclude';
    const lines: LineInput[] = include === 'include' ? pendingItemLines(engine, customer.id, null) : [];
    const inv = buildInvoice(engine, {
      customer,
      lines,
      billingReason: 'manual',
      periodStart: now,
      periodEnd: now,
      collectionMethod: oneOf(p, 'collection_method', ['charge_automatically', 'send_invoice']) ?? 'charge_automatically',
      autoAdvance: bool(p, 'auto_advance') ?? false,
      description: str(p, 'description') ?? null,
      metadata: mergeMetadata({}, p),
    });
    const dpm = str(p, 'default_payment_method');
    if (dpm) inv.default_payment_method = resolvePaymentMethod(engine, dpm, customer.id, 'default_payment_method').id;
    const days = int(p, 'days_until_due');
    if (days !== undefined) inv.due_date = now + days * 86400;
    return inv;
  });

  router.on('GET', '/v1/invoices/:id', ({ path }) => getInvoice(path.id));

  router.on('POST', '/v1/invoices/:id', ({ path, params: p }) => {
    const inv = getInvoice(path.id);
    engine.update(inv, 'invoice.updated', (x) => {
      if ('description' in p) x.description = str(p, 'description') ?? null;
      const auto = bool(p, 'auto_advance');
      if (auto !== undefined) x.auto_advance = auto;
      const dpm = str(p, 'default_payment_method');
      if (dpm) x.default_payment_method = resolvePaymentMethod(engine, dpm, x.customer as string, 'default_payment_method').id;
      x.metadata = mergeMetadata((x.metadata as Record<string, string>) ?? {}, p);
    });
    return inv;
  });

  router.on('DELETE', '/v1/invoices/:id', ({ path }) => {
    const inv = getInvoice(path.id);
    if (inv.status !== 'draft') throw invalidRequest('You can only delete draft invoices.', 'id');
    engine.store.remove('invoice', inv.id);
    engine.bus.emit('invoice.deleted', inv);
    return deletedStub(inv.id, 'invoice');
  });

  router.on('GET', '/v1/invoices', ({ params: p, url }) => {
    const customer = str(p, 'customer');
    const subscription = str(p, 'subscription');
    const status = str(p, 'status');
    return listOf(engine, 'invoice', p, url, (x) => (!customer || x.customer === customer) && (!subscription || subscriptionIdOf(x) === subscription) && (!status || x.status === status));
  });

  router.on('GET', '/v1/invoices/:id/lines', ({ path, params: p, url }) => paginate(getInvoice(path.id).lines.data as StripeObject[], p, url));

  router.on('POST', '/v1/invoices/:id/finalize', ({ path, params: p }) => {
    const inv = getInvoice(path.id);
    if (inv.status !== 'draft') throw invalidRequest(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`, undefined, 'invoice_not_editable');
    finalizeInvoice(engine, inv);
    const auto = bool(p, 'auto_advance');
    if (auto !== undefined) inv.auto_advance = auto;
    return inv;
  });

  router.on('POST', '/v1/invoices/:id/pay', ({ path, params: p }) => {
    const inv = getInvoice(path.id);
    if (inv.status === 'draft') finalizeInvoice(engine, inv);
    if (inv.status === 'paid') throw invalidRequest('Invoice is already paid', undefined, 'invoice_already_paid');
    if (inv.status !== 'open' && inv.status !== 'uncollectible') throw invalidRequest(`You cannot pay an invoice with status ${inv.status}.`, undefined, 'invoice_not_editable');
    if (bool(p, 'paid_out_of_band')) {
      markPaid(engine, inv);
      return inv;
    }
    const pm = str(p, 'payment_method');
    const result = attemptInvoicePayment(engine, inv, { paymentMethod: pm ? resolvePaymentMethod(engine, pm, inv.customer as string).id : null });
    if (result.noPaymentMethod) {
      throw invalidRequest('This customer has no attached payment source or default payment method. Please consider adding a default payment method.', undefined, 'invoice_no_customer_line_items');
    }
    if (result.declined) {
      throw cardError(result.declined.message, result.declined.declineCode, { charge: result.declined.charge, payment_intent: structuredClone(result.declined.paymentIntent) });
    }
    return inv;
  });

  router.on('POST', '/v1/invoices/:id/void', ({ path }) => {
    const inv = getInvoice(path.id);
    if (inv.status !== 'open' && inv.status !== 'uncollectible') throw invalidRequest(`You can only void open or uncollectible invoices (status is ${inv.status}).`, undefined, 'invoice_not_editable');
    voidInvoice(engine, inv);
    return inv;
  });

  router.on('POST', '/v1/invoices/:id/mark_uncollectible', ({ path }) => {
    const inv = getInvoice(path.id);
    if (inv.status !== 'open') throw invalidRequest(`You can only mark open invoices as uncollectible (status is ${inv.status}).`, undefined, 'invoice_not_editable');
    markUncollectible(engine, inv);
    return inv;
  });

  router.on('POST', '/v1/invoices/:id/send', ({ path }) => {
    const inv = getInvoice(path.id);
    engine.bus.emit('invoice.sent', inv);
    return inv;
  });

  router.on('GET', '/v1/invoice_payments/:id', ({ path }) => engine.store.require('invoice_payment', path.id));
  router.on('GET', '/v1/invoice_payments', ({ params: p, url }) => {
    const invoice = str(p, 'invoice');
    return listOf(engine, 'invoice_payment', p, url, (x) => !invoice || x.invoice === invoice);
  });
}

/**
 * POST /v1/invoices/create_preview. With subscription_details[items] it previews a plan
 * change: `always_invoice` (or an interval change) → the invoice the update will create
 * now; otherwise → the next renewal invoice including the new prorations.
 */
function previewInvoice(api: Api, p: Params): StripeObject {
  const { engine } = api;
  const subId = str(p, 'subscription');
  const sub = subId ? engine.store.require('subscription', subId, 'subscription') : undefined;
  const customer = getCustomer(api, (sub?.customer as string | undefined) ?? reqStr(p, 'customer'));
  if (!sub) {
    const now = engine.now(customer.id);
    const lines = pendingItemLines(engine, customer.id, null);
    if (!lines.length) throw invalidRequest('No upcoming invoices for customer: ' + customer.id, undefined, 'invoice_upcoming_none');
    return buildInvoice(engine, { customer, lines, billingReason: 'manual', periodStart: now, periodEnd: now, preview: true });
  }
  if (sub.status === 'canceled') throw invalidRequest(`No upcoming invoices for subscription: ${sub.id}`, 'subscription', 'invoice_upcoming_none');
  const details = obj(p, 'subscription_details') ?? {};
  const behavior = oneOf(details, 'proration_behavior', ['create_prorations', 'none', 'always_invoice'], 'subscription_details[proration_behavior]') ?? 'create_prorations';
  const prorationDate = int(details, 'proration_date', 'subscription_details[proration_date]');
  const plan = planItemUpdate(engine, sub, objArr(details, 'items'), prorationDate, 'subscription_details[items]');
  const period = periodOf(sub);
  const pending = pendingItemLines(engine, customer.id, sub.id);
  const prorations = behavior === 'none' ? [] : plan.prorationLines;
  const first = plan.items[0]!.price;
  if (behavior === 'always_invoice' || plan.resetPeriod) {
    const start = plan.prorationDate;
    const newPeriod = { start, end: nextPeriodEnd(start, start, first.recurring.interval, first.recurring.interval_count) };
    const lines = [...pending, ...prorations, ...(plan.resetPeriod ? periodLines(engine, sub, plan.items, newPeriod) : [])];
    return buildInvoice(engine, { customer, subscription: sub, lines, billingReason: 'subscription_update', periodStart: period.start, periodEnd: period.end, prorationDate: plan.prorationDate, preview: true });
  }
  const next = { start: period.end, end: nextPeriodEnd(sub.billing_cycle_anchor as number, period.end, first.recurring.interval, first.recurring.interval_count) };
  const lines = [...pending, ...prorations, ...periodLines(engine, sub, plan.items, next)];
  return buildInvoice(engine, { customer, subscription: sub, lines, billingReason: 'subscription_cycle', periodStart: next.start, periodEnd: next.end, prorationDate: plan.prorationDate, preview: true });
}

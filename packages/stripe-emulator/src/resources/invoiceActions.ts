import { attemptInvoicePayment } from '../billing/invoicePayment.js';
import { finalizeInvoice, markPaid, markUncollectible, voidInvoice } from '../billing/invoiceStatus.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { cardError, invalidRequest } from '../wire/errors.js';
import { bool, str } from '../wire/params.js';
import type { Api } from './common.js';

/** An invoice's lifecycle actions: finalize, pay, void, mark uncollectible, send. */
export function registerInvoiceActions(api: Api): void {
  const { engine, router } = api;
  const getInvoice = (id: string | undefined) => engine.store.require('invoice', id);

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
}

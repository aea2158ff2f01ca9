import type { StripeObject } from '../store.js';
import { buildInvoice, subscriptionIdOf } from '../billing/invoiceBuild.js';
import type { LineInput } from '../billing/invoiceLines.js';
import { pendingItemLines } from '../billing/subscriptionItems.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { invalidRequest } from '../wire/errors.js';
import { paginate } from '../wire/list.js';
import { bool, int, mergeMetadata, oneOf, reqStr, str } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';
import { previewInvoice } from './invoicePreview.js';

/** Invoices: create, read, update, delete, list (lifecycle actions live in invoiceActions.ts). */
export function registerInvoices(api: Api): void {
  const { engine, router } = api;
  const getInvoice = (id: string | undefined) => engine.store.require('invoice', id);

  // Registered before POST /v1/invoices/:id, which would otherwise take `create_preview` as an id.
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
}

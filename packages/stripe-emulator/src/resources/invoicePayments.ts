import { str } from '../wire/params.js';
import { listOf, type Api } from './common.js';

/** Invoice payments: which PaymentIntent paid (or is paying) which invoice. Read-only. */
export function registerInvoicePayments(api: Api): void {
  const { engine, router } = api;
  router.on('GET', '/v1/invoice_payments/:id', ({ path }) => engine.store.require('invoice_payment', path.id));
  router.on('GET', '/v1/invoice_payments', ({ params: p, url }) => {
    const invoice = str(p, 'invoice');
    return listOf(engine, 'invoice_payment', p, url, (x) => !invoice || x.invoice === invoice);
  });
}

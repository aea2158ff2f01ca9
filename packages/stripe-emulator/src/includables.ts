import type { Engine } from './engine.js';
import type { StripeObject } from './store.js';
import { embeddedList } from './wire/list.js';

/**
 * Fields this API version leaves out of a response unless asked for with `expand[]`
 * (e.g. invoice.payments, charge.refunds).
 */
export function includeField(engine: Engine, parent: StripeObject, field: string): unknown {
  if (parent.object === 'invoice' && field === 'payments') {
    const payments = engine.store.list('invoice_payment', (p) => p.invoice === parent.id).map((p) => structuredClone(p));
    return embeddedList(payments, `/v1/invoice_payments?invoice=${parent.id}`);
  }
  if (parent.object === 'charge' && field === 'refunds') {
    const refunds = engine.store.list('refund', (r) => r.charge === parent.id).map((r) => structuredClone(r));
    return embeddedList(refunds, `/v1/charges/${parent.id}/refunds`);
  }
  if (parent.object === 'customer' && field === 'subscriptions') {
    const subs = engine.store.list('subscription', (s) => s.customer === parent.id && s.status !== 'canceled').map((s) => structuredClone(s));
    return embeddedList(subs, `/v1/customers/${parent.id}/subscriptions`);
  }
  return undefined;
}

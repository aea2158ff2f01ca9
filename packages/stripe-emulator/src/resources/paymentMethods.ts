import { attachPaymentMethod, createCardPaymentMethod, resolvePaymentMethod } from '../billing/testCards.js';
import { invalidRequest } from '../wire/errors.js';
import { mergeMetadata, obj, reqStr, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';

export function registerPaymentMethods(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/payment_methods', ({ params: p }) => {
    if ((str(p, 'type') ?? 'card') !== 'card') throw invalidRequest('The emulator supports only card payment methods.', 'type');
    const card = obj(p, 'card');
    const token = card ? str(card, 'token', 'card[token]') : undefined;
    if (!token) throw invalidRequest('Use a test token: card[token]=tok_visa (raw card numbers are not accepted).', 'card');
    const pm = createCardPaymentMethod(engine, token, null, 'card[token]');
    pm.metadata = mergeMetadata({}, p);
    return pm;
  });

  // Retrieving a magic id (pm_card_visa) yields a fresh PaymentMethod, as with Stripe.
  router.on('GET', '/v1/payment_methods/:id', ({ path }) => resolvePaymentMethod(engine, path.id!, null, 'id'));

  router.on('POST', '/v1/payment_methods/:id/attach', ({ path, params: p }) => {
    const customer = getCustomer(api, reqStr(p, 'customer'));
    const pm = resolvePaymentMethod(engine, path.id!, null, 'id');
    attachPaymentMethod(engine, pm, customer.id);
    return pm;
  });

  router.on('POST', '/v1/payment_methods/:id/detach', ({ path }) => {
    const pm = engine.store.require('payment_method', path.id);
    if (!pm.customer) throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', 'payment_method');
    const customer = engine.store.get('customer', pm.customer as string);
    if (customer?.invoice_settings?.default_payment_method === pm.id) {
      engine.update(customer, 'customer.updated', (c) => (c.invoice_settings = { ...c.invoice_settings, default_payment_method: null }));
    }
    pm.customer = null;
    engine.bus.emit('payment_method.detached', pm, { previous: { customer: customer?.id ?? null } });
    return pm;
  });

  router.on('POST', '/v1/payment_methods/:id', ({ path, params: p }) => {
    const pm = engine.store.require('payment_method', path.id);
    engine.update(pm, 'payment_method.updated', (x) => (x.metadata = mergeMetadata((x.metadata as Record<string, string>) ?? {}, p)));
    return pm;
  });

  router.on('GET', '/v1/payment_methods', ({ params: p, url }) => {
    const customer = str(p, 'customer');
    return listOf(engine, 'payment_method', p, url, (m) => !customer || m.customer === customer);
  });
}

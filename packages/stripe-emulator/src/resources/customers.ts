import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { cancelSubscriptionNow } from '../billing/subscriptionLifecycle.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { invalidRequest } from '../wire/errors.js';
import { paginate } from '../wire/list.js';
import { int, mergeMetadata, obj, reqStr, str, type Params } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';

const SIMPLE_FIELDS = ['email', 'name', 'description', 'phone'] as const;

function applyCommonFields(api: Api, c: StripeObject, p: Params): void {
  for (const f of SIMPLE_FIELDS) if (f in p) c[f] = str(p, f) ?? null;
  if ('address' in p) c.address = obj(p, 'address') ?? null;
  if ('shipping' in p) c.shipping = obj(p, 'shipping') ?? null;
  c.metadata = mergeMetadata(c.metadata as Record<string, string>, p);
  const pm = str(p, 'payment_method');
  if (pm) resolvePaymentMethod(api.engine, pm, c.id);
  const settings = obj(p, 'invoice_settings');
  if (settings && 'default_payment_method' in settings) {
    const id = str(settings, 'default_payment_method', 'invoice_settings[default_payment_method]');
    c.invoice_settings = {
      ...c.invoice_settings,
      default_payment_method: id ? resolvePaymentMethod(api.engine, id, c.id, 'invoice_settings[default_payment_method]').id : null,
    };
  }
}

export function getCustomer(api: Api, id: string, param = 'customer'): StripeObject {
  if (api.engine.deletedCustomers.has(id)) throw invalidRequest(`No such customer: '${id}'; the customer has been deleted.`, param, 'resource_missing');
  return api.engine.store.require('customer', id, param);
}

export function registerCustomers(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/customers', ({ params: p }) => {
    const clockId = str(p, 'test_clock');
    if (clockId) engine.store.require('test_helpers.test_clock', clockId, 'test_clock');
    const id = newId('cus');
    const c: StripeObject = {
      id,
      object: 'customer',
      address: null,
      balance: 0,
      created: clockId ? (engine.store.get('test_helpers.test_clock', clockId)!.frozen_time as number) : engine.realNow(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: null,
      invoice_prefix: id.slice(4, 12).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: {},
      name: null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: clockId ?? null,
    };
    engine.store.insert(c);
    const mark = engine.bus.mark();
    applyCommonFields(api, c, p);
    const balance = int(p, 'balance');
    if (balance) c.balance = balance;
    // customer.created comes first but carries the final state (e.g. its default card).
    engine.bus.emit('customer.created', c);
    engine.bus.moveLastTo(mark);
    return c;
  });

  router.on('GET', '/v1/customers/search', ({ params: p, url }) => {
    const query = reqStr(p, 'query');
    const clauses = [...query.matchAll(/(\w+(?:\[['"][^'"]+['"]\])?)\s*:\s*['"]([^'"]*)['"]/g)];
    const matches = (c: StripeObject) =>
      clauses.every(([, field, value]) => {
        const meta = /^metadata\[['"](.+)['"]\]$/.exec(field!);
        const actual = meta ? c.metadata?.[meta[1]!] : c[field!];
        return typeof actual === 'string' && actual.toLowerCase() === value!.toLowerCase();
      });
    const page = paginate(engine.store.list('customer', matches), { limit: p.limit ?? '10' }, url);
    return { object: 'search_result', data: page.data, has_more: false, next_page: null, url, total_count: page.data.length };
  });

  router.on('GET', '/v1/customers/:id', ({ path }) => {
    if (engine.deletedCustomers.has(path.id!)) return deletedStub(path.id!, 'customer');
    return engine.store.require('customer', path.id);
  });

  router.on('POST', '/v1/customers/:id', ({ path, params: p }) => {
    const c = getCustomer(api, path.id!, 'id');
    engine.update(c, 'customer.updated', (x) => {
      applyCommonFields(api, x, p);
      const balance = int(p, 'balance');
      if (balance !== undefined) x.balance = balance;
    });
    return c;
  });

  router.on('DELETE', '/v1/customers/:id', ({ path }) => {
    const c = getCustomer(api, path.id!, 'id');
    // Deleting a customer cancels its subscriptions immediately, as Stripe does.
    for (const s of engine.store.list('subscription', (s) => s.customer === c.id && s.status !== 'canceled' && s.status !== 'incomplete_expired')) {
      cancelSubscriptionNow(engine, s, { reason: 'cancellation_requested' });
    }
    engine.bus.emit('customer.deleted', c);
    engine.deletedCustomers.add(c.id);
    engine.store.remove('customer', c.id);
    return deletedStub(c.id, 'customer');
  });

  router.on('GET', '/v1/customers', ({ params: p, url }) => {
    const email = str(p, 'email');
    const clock = str(p, 'test_clock');
    return listOf(engine, 'customer', p, url, (c) => (!email || c.email === email) && (!clock || c.test_clock === clock));
  });

  router.on('GET', '/v1/customers/:id/payment_methods', ({ path, params: p, url }) => {
    getCustomer(api, path.id!, 'id');
    return listOf(engine, 'payment_method', p, url, (m) => m.customer === path.id);
  });
}

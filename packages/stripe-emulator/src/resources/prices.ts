import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, int, mergeMetadata, obj, oneOf, reqStr, str, strArr, type Params } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { createProduct } from './products.js';

/** Prices: amounts and billing intervals of a product. */
export function createPrice(engine: Engine, p: Params, productId: string): StripeObject {
  const unitAmount = int(p, 'unit_amount');
  if (unitAmount === undefined || unitAmount < 0) throw invalidRequest('Missing required param: unit_amount.', 'unit_amount', 'parameter_missing');
  const recurringParams = obj(p, 'recurring');
  const recurring = recurringParams
    ? {
        interval: oneOf(recurringParams, 'interval', ['day', 'week', 'month', 'year'], 'recurring[interval]') ?? (() => { throw invalidRequest('Missing required param: recurring[interval].', 'recurring[interval]', 'parameter_missing'); })(),
        interval_count: int(recurringParams, 'interval_count', 'recurring[interval_count]') ?? 1,
        meter: null,
        trial_period_days: null,
        usage_type: 'licensed',
      }
    : null;
  const price: StripeObject = {
    id: newId('price'),
    object: 'price',
    active: bool(p, 'active') ?? true,
    billing_scheme: 'per_unit',
    created: engine.realNow(),
    currency: reqStr(p, 'currency').toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: str(p, 'lookup_key') ?? null,
    metadata: mergeMetadata({}, p),
    nickname: str(p, 'nickname') ?? null,
    product: productId,
    recurring,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
  engine.store.insert(price);
  engine.bus.emit('price.created', price);
  return price;
}

export function registerPrices(api: Api): void {
  const { engine, router } = api;
  router.on('POST', '/v1/prices', ({ params: p }) => {
    const productData = obj(p, 'product_data');
    const productId = productData ? createProduct(engine, productData).id : engine.store.require('product', reqStr(p, 'product'), 'product').id;
    return createPrice(engine, p, productId);
  });
  router.on('GET', '/v1/prices/:id', ({ path }) => engine.store.require('price', path.id));
  router.on('POST', '/v1/prices/:id', ({ path, params: p }) => {
    const price = engine.store.require('price', path.id);
    engine.update(price, 'price.updated', (x) => {
      const active = bool(p, 'active');
      if (active !== undefined) x.active = active;
      if ('nickname' in p) x.nickname = str(p, 'nickname') ?? null;
      if ('lookup_key' in p) x.lookup_key = str(p, 'lookup_key') ?? null;
      x.metadata = mergeMetadata(x.metadata as Record<string, string>, p);
    });
    return price;
  });
  router.on('GET', '/v1/prices', ({ params: p, url }) => {
    const product = str(p, 'product');
    const active = bool(p, 'active');
    const type = str(p, 'type');
    const lookupKeys = strArr(p, 'lookup_keys');
    return listOf(engine, 'price', p, url, (x) =>
      (!product || x.product === product) && (active === undefined || x.active === active) && (!type || x.type === type) && (!lookupKeys || lookupKeys.includes(x.lookup_key as string)),
    );
  });
}

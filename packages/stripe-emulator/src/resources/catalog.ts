import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, int, mergeMetadata, num, obj, oneOf, reqStr, str, strArr, type Params } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';

/** Products, prices and coupons: the catalog subscriptions are built from. */
export function registerCatalog(api: Api): void {
  const { engine, router } = api;
  const now = () => engine.realNow();

  function createProduct(p: Params): StripeObject {
    const id = str(p, 'id') ?? newId('prod');
    if (engine.store.get('product', id)) throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
    const product: StripeObject = {
      id,
      object: 'product',
      active: bool(p, 'active') ?? true,
      created: now(),
      default_price: null,
      description: str(p, 'description') ?? null,
      images: strArr(p, 'images') ?? [],
      livemode: false,
      marketing_features: [],
      metadata: mergeMetadata({}, p),
      name: reqStr(p, 'name'),
      package_dimensions: null,
      shippable: null,
      statement_descriptor: str(p, 'statement_descriptor') ?? null,
      tax_code: null,
      tax_details: null,
      type: 'service',
      unit_label: str(p, 'unit_label') ?? null,
      updated: now(),
      url: str(p, 'url') ?? null,
    };
    engine.store.insert(product);
    engine.bus.emit('product.created', product);
    return product;
  }

  function createPrice(p: Params, productId: string): StripeObject {
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
      created: now(),
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

  router.on('POST', '/v1/products', ({ params: p }) => {
    const product = createProduct(p);
    const dp = obj(p, 'default_price_data');
    if (dp) product.default_price = createPrice(dp, product.id).id;
    return product;
  });
  router.on('GET', '/v1/products/:id', ({ path }) => engine.store.require('product', path.id));
  router.on('POST', '/v1/products/:id', ({ path, params: p }) => {
    const product = engine.store.require('product', path.id);
    engine.update(product, 'product.updated', (x) => {
      for (const f of ['name', 'description', 'statement_descriptor', 'unit_label', 'url'] as const) if (f in p) x[f] = str(p, f) ?? null;
      const active = bool(p, 'active');
      if (active !== undefined) x.active = active;
      if ('default_price' in p) x.default_price = str(p, 'default_price') ?? null;
      x.metadata = mergeMetadata(x.metadata as Record<string, string>, p);
      x.updated = now();
    });
    return product;
  });
  router.on('DELETE', '/v1/products/:id', ({ path }) => {
    const product = engine.store.require('product', path.id);
    if (engine.store.list('price', (x) => x.product === product.id).length) {
      throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.', 'id');
    }
    engine.store.remove('product', product.id);
    engine.bus.emit('product.deleted', product);
    return deletedStub(product.id, 'product');
  });
  router.on('GET', '/v1/products', ({ params: p, url }) => {
    const active = bool(p, 'active');
    return listOf(engine, 'product', p, url, (x) => active === undefined || x.active === active);
  });

  router.on('POST', '/v1/prices', ({ params: p }) => {
    const productData = obj(p, 'product_data');
    const productId = productData ? createProduct(productData).id : engine.store.require('product', reqStr(p, 'product'), 'product').id;
    return createPrice(p, productId);
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

  router.on('POST', '/v1/coupons', ({ params: p }) => {
    const id = str(p, 'id') ?? newId('', 8).slice(1);
    if (engine.store.get('coupon', id)) throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
    const percentOff = num(p, 'percent_off');
    const amountOff = int(p, 'amount_off');
    if ((percentOff === undefined) === (amountOff === undefined)) throw invalidRequest('Coupons must have exactly one of percent_off or amount_off.', 'percent_off');
    if (amountOff !== undefined && !str(p, 'currency')) throw invalidRequest('You must pass currency when passing amount_off.', 'currency');
    const duration = oneOf(p, 'duration', ['once', 'repeating', 'forever']) ?? 'once';
    const months = int(p, 'duration_in_months');
    if (duration === 'repeating' && !months) throw invalidRequest('You must pass duration_in_months when duration is repeating.', 'duration_in_months');
    const coupon: StripeObject = {
      id,
      object: 'coupon',
      amount_off: amountOff ?? null,
      created: now(),
      currency: str(p, 'currency')?.toLowerCase() ?? null,
      duration,
      duration_in_months: duration === 'repeating' ? months! : null,
      livemode: false,
      max_redemptions: int(p, 'max_redemptions') ?? null,
      metadata: mergeMetadata({}, p),
      name: str(p, 'name') ?? null,
      percent_off: percentOff ?? null,
      redeem_by: int(p, 'redeem_by') ?? null,
      times_redeemed: 0,
      valid: true,
    };
    engine.store.insert(coupon);
    engine.bus.emit('coupon.created', coupon);
    return coupon;
  });
  router.on('GET', '/v1/coupons/:id', ({ path }) => engine.store.require('coupon', path.id));
  router.on('POST', '/v1/coupons/:id', ({ path, params: p }) => {
    const coupon = engine.store.require('coupon', path.id);
    engine.update(coupon, 'coupon.updated', (x) => {
      if ('name' in p) x.name = str(p, 'name') ?? null;
      x.metadata = mergeMetadata(x.metadata as Record<string, string>, p);
    });
    return coupon;
  });
  router.on('DELETE', '/v1/coupons/:id', ({ path }) => {
    const coupon = engine.store.require('coupon', path.id);
    engine.store.remove('coupon', coupon.id);
    engine.bus.emit('coupon.deleted', coupon);
    return deletedStub(coupon.id, 'coupon');
  });
  router.on('GET', '/v1/coupons', ({ params: p, url }) => listOf(engine, 'coupon', p, url));
}

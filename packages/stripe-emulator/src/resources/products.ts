import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, mergeMetadata, obj, reqStr, str, strArr, type Params } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';
import { createPrice } from './prices.js';

/** Products: what prices, and so subscriptions, are built on. */
export function createProduct(engine: Engine, p: Params): StripeObject {
  const id = str(p, 'id') ?? newId('prod');
  if (engine.store.get('product', id)) throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
  const product: StripeObject = {
    id,
    object: 'product',
    active: bool(p, 'active') ?? true,
    created: engine.realNow(),
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
    updated: engine.realNow(),
    url: str(p, 'url') ?? null,
  };
  engine.store.insert(product);
  engine.bus.emit('product.created', product);
  return product;
}

export function registerProducts(api: Api): void {
  const { engine, router } = api;
  router.on('POST', '/v1/products', ({ params: p }) => {
    const product = createProduct(engine, p);
    const dp = obj(p, 'default_price_data');
    if (dp) product.default_price = createPrice(engine, dp, product.id).id;
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
      x.updated = engine.realNow();
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
}

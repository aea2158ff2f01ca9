import { mergeMetadata, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';

/** Charges: created by PaymentIntent confirmations; here they are read and annotated. */
export function registerCharges(api: Api): void {
  const { engine, router } = api;
  router.on('GET', '/v1/charges/:id', ({ path }) => engine.store.require('charge', path.id));
  router.on('POST', '/v1/charges/:id', ({ path, params: p }) => {
    const ch = engine.store.require('charge', path.id);
    engine.update(ch, 'charge.updated', (x) => {
      if ('description' in p) x.description = str(p, 'description') ?? null;
      x.metadata = mergeMetadata(x.metadata as Record<string, string>, p);
    });
    return ch;
  });
  router.on('GET', '/v1/charges', ({ params: p, url }) => {
    const customer = str(p, 'customer');
    const pi = str(p, 'payment_intent');
    return listOf(engine, 'charge', p, url, (x) => (!customer || x.customer === customer) && (!pi || x.payment_intent === pi));
  });
}

import type { StripeObject } from '../store.js';
import { API_VERSION } from '../events/eventBus.js';
import { bool, mergeMetadata, reqStr, str, strArr } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';

/** Webhook endpoints: the wire view of the delivery engine's endpoint table. */
export function registerWebhookEndpoints(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/webhook_endpoints', ({ params: p }) => {
    const cfg = engine.delivery.addEndpoint({ url: reqStr(p, 'url'), enabledEvents: strArr(p, 'enabled_events') ?? ['*'] });
    const we = storeEndpoint(api, cfg.id, cfg.url, cfg.enabledEvents, str(p, 'description') ?? null, mergeMetadata({}, p));
    // The secret is only ever shown on creation.
    return { ...we, secret: cfg.secret };
  });
  router.on('GET', '/v1/webhook_endpoints/:id', ({ path }) => engine.store.require('webhook_endpoint', path.id));
  router.on('POST', '/v1/webhook_endpoints/:id', ({ path, params: p }) => {
    const we = engine.store.require('webhook_endpoint', path.id);
    const cfg = engine.delivery.endpoints.get(we.id)!;
    if (str(p, 'url')) we.url = cfg.url = str(p, 'url')!;
    const events = strArr(p, 'enabled_events');
    if (events) we.enabled_events = cfg.enabledEvents = events;
    const disabled = bool(p, 'disabled');
    if (disabled !== undefined) {
      we.status = disabled ? 'disabled' : 'enabled';
      if (disabled) engine.delivery.endpoints.delete(we.id);
      else engine.delivery.endpoints.set(we.id, cfg);
    }
    we.metadata = mergeMetadata(we.metadata as Record<string, string>, p);
    return we;
  });
  router.on('DELETE', '/v1/webhook_endpoints/:id', ({ path }) => {
    const we = engine.store.require('webhook_endpoint', path.id);
    engine.store.remove('webhook_endpoint', we.id);
    engine.delivery.endpoints.delete(we.id);
    return deletedStub(we.id, 'webhook_endpoint');
  });
  router.on('GET', '/v1/webhook_endpoints', ({ params: p, url }) => listOf(engine, 'webhook_endpoint', p, url));
}

export function storeEndpoint(api: Api, id: string, url: string, enabledEvents: string[], description: string | null = null, metadata: Record<string, string> = {}): StripeObject {
  return api.engine.store.insert({
    id,
    object: 'webhook_endpoint',
    api_version: API_VERSION,
    application: null,
    created: api.engine.realNow(),
    description,
    enabled_events: enabledEvents,
    livemode: false,
    metadata,
    status: 'enabled',
    url,
  });
}

import { itemsOf } from '../billing/subscriptionItems.js';
import { reqStr } from '../wire/params.js';
import { listOf, type Api } from './common.js';

/** Subscription items live inside their subscription (items.data); these routes read them there. */
export function registerSubscriptionItems(api: Api): void {
  const { engine, router } = api;
  router.on('GET', '/v1/subscription_items/:id', ({ path }) => {
    for (const s of engine.store.list('subscription')) {
      const item = itemsOf(s).find((i) => i.id === path.id);
      if (item) return item;
    }
    return engine.store.require('subscription_item', path.id);
  });
  router.on('GET', '/v1/subscription_items', ({ params: p, url }) => {
    const sub = engine.store.require('subscription', reqStr(p, 'subscription'), 'subscription');
    return { ...listOf(engine, 'none', p, url), data: itemsOf(sub), has_more: false };
  });
}

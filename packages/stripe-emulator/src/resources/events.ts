import { str, strArr } from '../wire/params.js';
import { listOf, type Api } from './common.js';

function typeMatcher(pattern: string): (t: string) => boolean {
  // Stripe accepts a trailing wildcard: type=invoice.* matches invoice.paid etc.
  if (pattern.endsWith('*')) return (t) => t.startsWith(pattern.slice(0, -1));
  return (t) => t === pattern;
}

export function registerEvents(api: Api): void {
  const { engine, router } = api;
  router.on('GET', '/v1/events/:id', ({ path }) => engine.store.require('event', path.id));
  router.on('GET', '/v1/events', ({ params: p, url }) => {
    const type = str(p, 'type');
    const types = strArr(p, 'types');
    const matchers = [...(type ? [type] : []), ...(types ?? [])].map(typeMatcher);
    return listOf(engine, 'event', p, url, (e) => matchers.length === 0 || matchers.some((m) => m(e.type as string)));
  });
}

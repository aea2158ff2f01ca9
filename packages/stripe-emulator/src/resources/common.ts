import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { paginate } from '../wire/list.js';
import { rangeFilter, type Params } from '../wire/params.js';
import type { Router } from '../wire/router.js';

export interface Api {
  engine: Engine;
  router: Router;
}

/** GET list endpoints: common `created` range filter plus a resource-specific filter. */
export function listOf(engine: Engine, type: string, params: Params, url: string, filter?: (o: StripeObject) => boolean) {
  const created = rangeFilter(params, 'created');
  const items = engine.store.list(type, (o) => (!filter || filter(o)) && (!created || created(o.created as number)));
  return paginate(items, params, url);
}

export function deletedStub(id: string, object: string) {
  return { id, object, deleted: true };
}

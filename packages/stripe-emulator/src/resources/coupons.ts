import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';
import { int, mergeMetadata, num, oneOf, str } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';

/** Coupons: the discounts subscriptions can carry. */
export function registerCoupons(api: Api): void {
  const { engine, router } = api;
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
      created: engine.realNow(),
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

import type { Engine } from '../engine.js';
import { newDiscount } from '../billing/discounts.js';
import { invalidRequest, missingParam } from '../wire/errors.js';
import { int, obj, objArr, oneOf, str, type Params } from '../wire/params.js';

// Parameters of subscription create and update.

export const PRORATION = ['create_prorations', 'none', 'always_invoice'] as const;
export const PAYMENT_BEHAVIOR = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const;

/** discounts[0][coupon]=… (current API) or the legacy coupon=… */
export function discountsFrom(engine: Engine, p: Params, customerId: string, subId: string, start: number): string[] | undefined {
  const entries = objArr(p, 'discounts')?.map((d, i) => str(d, 'coupon', `discounts[${i}][coupon]`)).filter((c): c is string => !!c);
  const legacy = str(p, 'coupon');
  if (!entries && !legacy && p.discounts !== '') return undefined;
  const coupons = [...(entries ?? []), ...(legacy ? [legacy] : [])];
  return coupons.map((c) => {
    const coupon = engine.store.require('coupon', c, 'discounts');
    if (!coupon.valid) throw invalidRequest(`Coupon expired: ${c}`, 'discounts');
    return newDiscount(engine, coupon, { customer: customerId, subscription: subId, start }).id;
  });
}

export function pauseFrom(p: Params): unknown {
  if (!('pause_collection' in p)) return undefined;
  const pc = obj(p, 'pause_collection');
  if (!pc) return null;
  return {
    behavior: oneOf(pc, 'behavior', ['keep_as_draft', 'mark_uncollectible', 'void'], 'pause_collection[behavior]') ?? (() => { throw missingParam('pause_collection[behavior]'); })(),
    resumes_at: int(pc, 'resumes_at', 'pause_collection[resumes_at]') ?? null,
  };
}

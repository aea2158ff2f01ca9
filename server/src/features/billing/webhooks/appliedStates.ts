import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import type { ObjectPlan } from '../mirror/mirrorState.js';
import type { AppliedStatesOfSecond } from '../mirror/resolvePlans.js';
import { idOf } from '../mirror/time.js';
import { findAppliedEventBodies } from './eventLedger.queries.js';
import { eventMirrorState } from './eventStates.js';

/**
 * For the ordering rule: the events of a plan's second about its object that earlier
 * batches applied, read back from the ledger. Found by customer (the ledger's index);
 * objects without a customer (products, prices) get none, so they are re-fetched.
 */
export function appliedStatesFromLedger(db: Db): AppliedStatesOfSecond {
  return async (plans) => {
    const customerOf = (plan: ObjectPlan) => {
      const object = plan.candidates[0]!.object as { object?: string; id: string; customer?: string | { id: string } | null };
      return object.object === 'customer' ? object.id : idOf(object.customer ?? null);
    };
    const byObject = new Map(plans.map((plan) => [`${plan.id}@${plan.asOf}`, plan]));
    const customers = [...new Set(plans.map(customerOf).filter((id): id is string => typeof id === 'string'))];
    const bodies = await findAppliedEventBodies(db, customers, [...new Set(plans.map((plan) => plan.asOf))]);
    const found = new Map<ObjectPlan, ReturnType<typeof eventMirrorState>[]>();
    for (const body of bodies) {
      const event = JSON.parse(body) as Stripe.Event;
      const plan = byObject.get(`${(event.data.object as { id?: string }).id}@${event.created}`);
      if (!plan || (event.data.object as { object?: string }).object !== (plan.candidates[0]!.object as { object?: string }).object) continue;
      (found.get(plan) ?? found.set(plan, []).get(plan)!).push(eventMirrorState(event, plan.kind));
    }
    return found;
  };
}

import type { Movement, MovementKind, TimelinePoint } from './revenue.types.js';

/**
 * Movements from consecutive timeline values: every change of a customer's MRR is
 * exactly one movement whose amount is the change, so the movements of any period
 * add up to MRR(end) − MRR(start) for that customer.
 *
 * - new: 0 → >0 for the first time;
 * - reactivation: 0 → >0 after an earlier churn;
 * - churn: >0 → 0 (amount = −MRR before);
 * - expansion / contraction: >0 → more / less, >0 (including one of several
 *   subscriptions ending).
 */
export function classifyMovement(mrrBefore: number, mrrAfter: number, hasPaidBefore: boolean): MovementKind | null {
  if (mrrAfter === mrrBefore) return null;
  if (mrrBefore === 0) return hasPaidBefore ? 'reactivation' : 'new';
  if (mrrAfter === 0) return 'churn';
  return mrrAfter > mrrBefore ? 'expansion' : 'contraction';
}

export function customerMovements(customerId: string, timeline: readonly TimelinePoint[]): Movement[] {
  const movements: Movement[] = [];
  let mrrBefore = 0;
  let hasPaidBefore = false;
  for (const [day, mrrAfter] of timeline) {
    const kind = classifyMovement(mrrBefore, mrrAfter, hasPaidBefore);
    if (kind) movements.push({ customerId, day, kind, amountCents: mrrAfter - mrrBefore, mrrBefore, mrrAfter });
    hasPaidBefore ||= mrrAfter > 0;
    mrrBefore = mrrAfter;
  }
  return movements;
}

/** Every customer's movements, in day order (then customer id). */
export function allMovements(timelines: ReadonlyMap<string, readonly TimelinePoint[]>): Movement[] {
  const movements = [...timelines].flatMap(([customerId, timeline]) => customerMovements(customerId, timeline));
  return movements.sort((a, b) => (a.day === b.day ? a.customerId.localeCompare(b.customerId) : a.day < b.day ? -1 : 1));
}

import type Stripe from 'stripe';
import type { Db, Trx } from '../../../db/database.js';
import { lockMirrorWrites } from '../mirror/mirror.queries.js';
import { planStates, type MirrorState, type ObjectPlan } from '../mirror/mirrorState.js';
import { resolvePlans, type Resolution } from '../mirror/resolvePlans.js';
import { writeResolutions } from '../mirror/writeMirror.js';
import { erasedCustomerOfOwner, findErasedOwners, ownerOfObject } from '../webhooks/stripeObjectOwner.js';

/** Objects that keep changing under the writer are given up (and the run fails) after this many looks. */
const MAX_ROUNDS = 5;

/**
 * Writes objects fetched from Stripe's API (a backfill page, an export's refresh of one
 * customer) as webhooks write theirs: resolved outside any transaction (resolvePlans makes
 * the Stripe calls), written under the mirror write lock, and resolved again for what a
 * concurrent writer changed meanwhile.
 *
 * Objects of customers a GDPR erasure has closed the mirror to are not written, and their
 * ids are returned: Stripe keeps a deleted customer's subscriptions, invoices (with the
 * customer's name, email, address and phone), charges, refunds and disputes (evidence),
 * and the erasure has masked the mirror's rows of them, which nothing would visit again
 * (docs/gdpr.md, "Stripe"). Asked once per transaction, after the lock: the erasure's
 * `billing:closed` step commits holding that lock, so one closing the mirror meanwhile is
 * seen.
 */
export async function writeFetchedStates(db: Db, stripe: Stripe, states: MirrorState[], gaveUpMessage: string): Promise<{ skippedIds: Set<string> }> {
  const skippedIds = new Set<string>();
  let plans: ObjectPlan[] = planStates(states);
  for (let round = 1; plans.length > 0; round++) {
    if (round > MAX_ROUNDS) throw new Error(gaveUpMessage);
    const resolutions = await resolvePlans(db, stripe, plans);
    plans = await db.transaction().execute(async (trx) => {
      await lockMirrorWrites(trx);
      const { live, erased } = await splitErasedCustomerObjects(trx, resolutions);
      for (const resolution of erased) skippedIds.add(resolution.plan.id);
      return (await writeResolutions(trx, live)).deferred;
    });
  }
  return { skippedIds };
}

/** One look-up for all of them (none when no object names a customer or payment: products, prices, coupons). */
async function splitErasedCustomerObjects(trx: Trx, resolutions: Resolution[]): Promise<{ live: Resolution[]; erased: Resolution[] }> {
  const owners = resolutions.map((resolution) => ownerOfObject(resolution.plan.candidates.at(-1)!.object));
  const erasedOwners = await findErasedOwners(trx, owners);
  const split: { live: Resolution[]; erased: Resolution[] } = { live: [], erased: [] };
  resolutions.forEach((resolution, index) => (erasedCustomerOfOwner(owners[index]!, erasedOwners) === null ? split.live : split.erased).push(resolution));
  return split;
}

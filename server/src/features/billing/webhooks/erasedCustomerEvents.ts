import type Stripe from 'stripe';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import { findMappedTable } from '../../privacy/dataMap/dataMap.js';
import { eraseSubjectRows, type MaskingKey } from '../../privacy/dataMap/subjectRows.queries.js';
import { maskedColumns } from '../../privacy/dataMap/subjectSql.js';
import type { ErasedPaymentSubjects } from '../../privacy/erasure/erasedCustomers.queries.js';
import { paymentOfEvent } from './chargeLinkedEvents.js';
import { customerIdOfObject, erasedCustomerOfOwner, findErasedOwners, type ObjectOwner } from './stripeObjectOwner.js';

/**
 * Events about Stripe customers that a GDPR erasure has deleted and masked (docs/gdpr.md,
 * "Stripe"). Stripe retries a delivery for days, so an event created before the deletion
 * can arrive after the erasure finished. The route and the inbox insert stay as they are
 * (no look-up per request: the endpoint is benchmarked); the drain looks up the batch's
 * customers before planning it (no Stripe call for them), asks again under the mirror
 * write lock about the events it is to apply (hasEventOfErasedCustomer), and masks the
 * erased customers' ledger rows in the batch's transaction. Refunds
 * and disputes name no customer: they are the customer's of their charge or payment
 * intent (chargeLinkedEvents.ts), found in the same look-up.
 */

const LEDGER_TABLE = 'ops.stripe_events';

/**
 * The data map masks the ledger's payload by reducing it to ids (empty_json): no keyed
 * hash, so the drain, which has no masking key, passes an empty one. A keyed-hash column
 * added to the ledger's map later would need the real key: refused rather than hashed
 * under the wrong one.
 */
const LEDGER_MASKING_NEEDS_KEY = maskedColumns(findMappedTable(LEDGER_TABLE)!).some(({ mask }) => mask.strategy === 'keyed_hash');
const NO_KEY: MaskingKey = { bytes: Buffer.alloc(0) };

/** The owner of an event's object (stripeObjectOwner.ts): the customer it names, or for a charge-linked type, the payment it points to. */
const ownerOfEvent = (event: Stripe.Event): ObjectOwner => ({ customerId: customerIdOfObject(event.data.object), payment: paymentOfEvent(event) });

/** The batch's erased customers, and the erased customers' charges and payment intents its refunds and disputes point to: one query per batch, none when no event names any. */
export const findErasedCustomersOfEvents = (db: DbOrTrx, events: readonly Stripe.Event[]): Promise<ErasedPaymentSubjects> => findErasedOwners(db, events.map(ownerOfEvent));

/** The erased customer an event is about, as the data map's ledger links read it: the one it names, else the one of its charge or payment intent; null when none is erased. */
export const erasedCustomerOfEvent = (event: Stripe.Event, erased: ErasedPaymentSubjects): string | null => erasedCustomerOfOwner(ownerOfEvent(event), erased);

/**
 * Whether one of these events is about a customer erased by now. Asked by the batch's
 * transaction once it holds the mirror write lock: an erasure closes the mirror to its
 * customers (`billing:closed`) holding that lock too, so the answer stays true until the
 * batch commits. The same statement as the pass's look-up; none when no event names a
 * customer or payment.
 */
export async function hasEventOfErasedCustomer(trx: Trx, events: readonly Stripe.Event[]): Promise<boolean> {
  const erased = await findErasedCustomersOfEvents(trx, events);
  return events.some((event) => erasedCustomerOfEvent(event, erased) !== null);
}

/**
 * Masks the ledger events of erased customers with the erasure's own ledger step
 * (eraseSubjectRows): the same strategy and links, and idempotent. The links to refunds and
 * disputes read the ledger's events of those types through its type index (docs/gdpr.md,
 * "The data map"), so this costs a few statements over them, in the rare batch that holds
 * an erased customer's event.
 */
export async function maskLedgerOfErasedCustomers(trx: Trx, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  if (LEDGER_MASKING_NEEDS_KEY) throw new Error(`${LEDGER_TABLE} has a keyed-hash column in the data map: the webhook drain needs the masking key to mask late events`);
  await eraseSubjectRows(trx, LEDGER_TABLE, { userId: null, customerIds: [...customerIds], emails: [], requestIds: [] }, NO_KEY);
}

export interface ErasedSplit {
  /** Events to apply as usual. */
  live: Stripe.Event[];
  /** Events about erased customers: recorded `ignored`, their ledger rows masked. */
  erasedEventIds: string[];
  erasedCustomerIds: string[];
}

export function splitErasedCustomerEvents(events: Stripe.Event[], erased: ErasedPaymentSubjects): ErasedSplit {
  const split: ErasedSplit = { live: [], erasedEventIds: [], erasedCustomerIds: [] };
  const customers = new Set<string>();
  for (const event of events) {
    const customerId = erasedCustomerOfEvent(event, erased);
    if (customerId === null) split.live.push(event);
    else {
      split.erasedEventIds.push(event.id);
      customers.add(customerId);
    }
  }
  split.erasedCustomerIds = [...customers];
  return split;
}

import type { DbOrTrx } from '../../../db/database.js';
import { findErasedPaymentSubjects, type ErasedPaymentSubjects } from '../../privacy/erasure/erasedCustomers.queries.js';
import { paymentOfObject, type PaymentOf } from './chargeLinkedEvents.js';

/**
 * Whose a Stripe object is, as the data map's links read it: the customer it names (or the
 * customer object itself), else, for a refund, dispute, review or early fraud warning,
 * which name none, the customer of the charge or payment intent it hangs off
 * (chargeLinkedEvents.ts). The webhook drain reads it from its events' objects
 * (erasedCustomerEvents.ts); the mirror's other writers, which fetch objects from the API
 * (writeFetchedStates.ts), from those. Either asks which owners an erasure has closed the
 * mirror to in one look-up per batch or page (docs/gdpr.md, "Stripe").
 */
export interface ObjectOwner {
  customerId: string | null;
  payment: PaymentOf | null;
}

/** The customer an object is about: its `customer`, or the id of a customer object. */
export function customerIdOfObject(object: object): string | null {
  const fields = object as { object?: string; id?: string; customer?: unknown };
  if (typeof fields.customer === 'string') return fields.customer;
  return fields.object === 'customer' && typeof fields.id === 'string' ? fields.id : null;
}

/** The owner of an object listed or fetched from the API (an event's object goes through ownerOfEvent: its charge link is known by the event's type). */
export const ownerOfObject = (object: object): ObjectOwner => ({ customerId: customerIdOfObject(object), payment: paymentOfObject(object) });

/** Which of these owners an erasure has closed the mirror to: one query, none when no owner names a customer or payment. */
export async function findErasedOwners(db: DbOrTrx, owners: readonly ObjectOwner[]): Promise<ErasedPaymentSubjects> {
  const customerIds = new Set<string>();
  const chargeIds = new Set<string>();
  const paymentIntentIds = new Set<string>();
  for (const { customerId, payment } of owners) {
    if (customerId) customerIds.add(customerId);
    if (payment?.chargeId) chargeIds.add(payment.chargeId);
    if (payment?.paymentIntentId) paymentIntentIds.add(payment.paymentIntentId);
  }
  return findErasedPaymentSubjects(db, { customerIds: [...customerIds], chargeIds: [...chargeIds], paymentIntentIds: [...paymentIntentIds] });
}

/** The erased customer an owner is: the customer it names, else the one of its charge or payment intent; null when none is erased. */
export function erasedCustomerOfOwner(owner: ObjectOwner, erased: ErasedPaymentSubjects): string | null {
  if (owner.customerId !== null && erased.customerIds.has(owner.customerId)) return owner.customerId;
  const { payment } = owner;
  if (!payment) return null;
  return (payment.chargeId && erased.customerOfCharge.get(payment.chargeId)) || (payment.paymentIntentId && erased.customerOfPaymentIntent.get(payment.paymentIntentId)) || null;
}

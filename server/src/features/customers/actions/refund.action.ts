import { TRPCError } from '@trpc/server';
import { formatMoney, ZRefundRequestSchema, type TRefundRequest } from '@opsdesk/shared';
import { callStripe } from '../../billing/stripeErrors.js';
import { idOf } from '../../billing/mirror/time.js';
import { defineStaffAction, type ActionContext } from '../../actionRequests/staffAction.js';
import { findMirroredChargeCustomerId } from './actionTargets.queries.js';

export interface RefundPreview {
  chargeId: string;
  customerId: string | null;
  customerEmail: string | null;
  currency: string;
  charged: number;
  alreadyRefunded: number;
  refundable: number;
  amount: number;
}

/** Reads the charge from Stripe itself: the cap must hold even if a webhook is late. */
async function previewRefund(ctx: ActionContext, input: Pick<TRefundRequest, 'chargeId' | 'amount'>): Promise<RefundPreview> {
  const charge = await callStripe(() => ctx.deps.stripe.charges.retrieve(input.chargeId, { expand: ['customer'] }));
  const customer = charge.customer && typeof charge.customer === 'object' && !('deleted' in charge.customer && charge.customer.deleted) ? charge.customer : null;
  const refundable = charge.amount_captured - charge.amount_refunded;
  const amount = input.amount ?? refundable;
  if (refundable <= 0) throw new TRPCError({ code: 'BAD_REQUEST', message: 'amount: This payment has already been refunded in full.' });
  if (amount > refundable) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `amount: Refund exceeds what remains refundable: at most ${formatMoney(refundable, charge.currency)} can still be refunded.` });
  }
  return {
    chargeId: charge.id,
    customerId: idOf(charge.customer),
    customerEmail: (customer as { email?: string | null } | null)?.email ?? null,
    currency: charge.currency,
    charged: charge.amount_captured,
    alreadyRefunded: charge.amount_refunded,
    refundable,
    amount,
  };
}

/**
 * Refund a payment, fully or partly, with Stripe's reason and an internal note.
 * Medium risk (a reason is required). A second person approves every refund marked
 * fraudulent, and refunds the money policy holds (actionRequests/moneyPolicy.ts: above the
 * threshold, counting the customer's other recent refunds and credits). The key is
 * the charge, amount, reason and `repeat`: never the live refunded total, which a
 * concurrent twin could already have changed (that race made two refunds).
 */
export const refundAction = defineStaffAction({
  name: 'customers.refund',
  permission: 'customers.refund',
  audit: 'customer.refunded',
  risk: 'medium',
  input: ZRefundRequestSchema,
  async target(ctx, input) {
    return { type: 'customer', id: (await findMirroredChargeCustomerId(ctx.db, input.chargeId)) ?? input.chargeId };
  },
  preview: previewRefund,
  needsApproval: (_ctx, input) => (input.stripeReason === 'fraudulent' ? 'Refunds marked fraudulent need a second person.' : null),
  money: (preview) => ({ amount: preview.amount, currency: preview.currency, label: 'Refunds' }),
  idempotencyParts: (input, preview) => [input.chargeId, preview.amount, input.stripeReason, input.repeat],
  async execute(ctx, input, { idempotencyKey, preview }) {
    const refund = await callStripe(() =>
      ctx.deps.stripe.refunds.create(
        { charge: input.chargeId, amount: preview.amount, reason: input.stripeReason, metadata: { opsdesk_actor: ctx.actor.email, opsdesk_note: (input.reason ?? '').slice(0, 500) } },
        { idempotencyKey },
      ),
    );
    return { refundId: refund.id, amount: refund.amount, currency: refund.currency, status: refund.status };
  },
});

import { TRPCError } from '@trpc/server';
import { formatMoney, ZCreditRequestSchema } from '@opsdesk/shared';
import { callStripe } from '../../billing/stripeErrors.js';
import { defineStaffAction } from '../../actionRequests/staffAction.js';
import { findMirroredCustomerEmail } from './actionTargets.queries.js';

/**
 * Credit the customer's balance (applied to their next invoices): a negative balance
 * transaction at Stripe. Medium risk: it is money, under the money policy (so repeating
 * credits with new notes adds up to the threshold). Two identical credits (same amount
 * and note) are one; a deliberate second credit of the same amount needs its own note.
 */
export const creditAction = defineStaffAction({
  name: 'customers.credit',
  permission: 'customers.credit',
  audit: 'customer.credited',
  risk: 'medium',
  input: ZCreditRequestSchema,
  async target(ctx, input) {
    return { type: 'customer', id: input.stripeCustomerId, confirmText: await findMirroredCustomerEmail(ctx.db, input.stripeCustomerId) };
  },
  async preview(ctx, input) {
    const customer = await callStripe(() => ctx.deps.stripe.customers.retrieve(input.stripeCustomerId));
    if ('deleted' in customer && customer.deleted) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This Stripe customer is deleted.' });
    const live = customer as Exclude<typeof customer, { deleted: true }>;
    const currency = input.currency.toLowerCase();
    if (live.currency && live.currency !== currency) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `currency: This customer is billed in ${live.currency.toUpperCase()}; credit them in ${live.currency.toUpperCase()}.` });
    }
    // Stripe's balance: negative = credit the customer has.
    return { stripeCustomerId: live.id, currency, amount: input.amount, balanceBefore: live.balance, balanceAfter: live.balance - input.amount, summary: `Credit ${formatMoney(input.amount, currency)}` };
  },
  money: (preview) => ({ amount: preview.amount, currency: preview.currency, label: 'Credits' }),
  idempotencyParts: (input) => [input.stripeCustomerId, input.amount, input.currency.toLowerCase(), input.reason ?? ''],
  async execute(ctx, input, { idempotencyKey, preview }) {
    const transaction = await callStripe(() =>
      ctx.deps.stripe.customers.createBalanceTransaction(
        input.stripeCustomerId,
        { amount: -preview.amount, currency: preview.currency, description: (input.reason ?? 'Credit from Opsdesk').slice(0, 350), metadata: { opsdesk_actor: ctx.actor.email } },
        { idempotencyKey },
      ),
    );
    return { transactionId: transaction.id, amount: transaction.amount, currency: transaction.currency, endingBalance: transaction.ending_balance };
  },
});

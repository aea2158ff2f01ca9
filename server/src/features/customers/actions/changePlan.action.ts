import { TRPCError } from '@trpc/server';
import { ZChangePlanRequestSchema } from '@opsdesk/shared';
import type Stripe from 'stripe';
import { callStripe } from '../../billing/stripeErrors.js';
import { defineStaffAction, type ActionContext } from '../../actionRequests/staffAction.js';
import { retrieveSubscription, subscriptionTarget } from './actionTargets.js';
import { findMirroredPlanItem } from './actionTargets.queries.js';

const priceSummary = (price: Stripe.Price) => ({
  id: price.id,
  nickname: price.nickname,
  unitAmount: price.unit_amount,
  currency: price.currency,
  interval: price.recurring?.interval ?? null,
  intervalCount: price.recurring?.interval_count ?? null,
});

/**
 * The plan item (the subscription's first): from the mirror, or from Stripe when the
 * mirror has not seen the subscription yet. Stripe's preview checks it is still current.
 */
async function currentPlanItem(ctx: ActionContext, subscriptionId: string): Promise<{ id: string; quantity: number; price: Stripe.Price }> {
  const mirrored = await findMirroredPlanItem(ctx.db, subscriptionId);
  if (mirrored) return { id: mirrored.id, quantity: mirrored.quantity, price: JSON.parse(mirrored.priceJson) as Stripe.Price };
  const sub = await retrieveSubscription(ctx, subscriptionId);
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') throw new TRPCError({ code: 'BAD_REQUEST', message: `This subscription is ${sub.status}; its plan cannot change.` });
  const item = sub.items.data[0]!;
  return { id: item.id, quantity: item.quantity ?? 1, price: item.price };
}

/**
 * Change a subscription's plan (its first item: the plan; add-ons are left alone).
 * The preview is Stripe's own invoice preview for `always_invoice` at a fixed proration
 * date; the change is applied with that same date, so the customer is charged exactly
 * what the staff member saw. Medium risk: it charges the customer now, so the money
 * policy holds charges above the threshold for a second person; the quantity is always
 * given, shown and bound.
 */
export const changePlanAction = defineStaffAction({
  name: 'customers.changePlan',
  permission: 'customers.changePlan',
  audit: 'customer.plan_changed',
  risk: 'medium',
  input: ZChangePlanRequestSchema,
  target: (ctx, input) => subscriptionTarget(ctx, input.subscriptionId),
  async preview(ctx, input) {
    const item = await currentPlanItem(ctx, input.subscriptionId);
    // Explicit in the request: a quantity carried over from the old plan would be charged unseen.
    const quantity = input.quantity;
    // Stripe computes the preview (and refuses a cancelled subscription or a foreign price).
    const invoice = await callStripe(() =>
      ctx.deps.stripe.invoices.createPreview({
        subscription: input.subscriptionId,
        subscription_details: {
          items: [{ id: item.id, price: input.priceId, quantity }],
          proration_behavior: 'always_invoice',
          ...(input.prorationDate !== undefined && { proration_date: input.prorationDate }),
        },
      }),
    );
    const newPrice = await callStripe(() => ctx.deps.stripe.prices.retrieve(input.priceId));
    return {
      subscriptionId: input.subscriptionId,
      itemId: item.id,
      from: { ...priceSummary(item.price), quantity: item.quantity },
      to: { ...priceSummary(newPrice), quantity },
      prorationDate: invoice.parent?.subscription_details?.subscription_proration_date ?? input.prorationDate ?? Math.floor(Date.now() / 1000),
      currency: invoice.currency,
      /** What the customer is charged now (after any credit balance). */
      amountDue: invoice.amount_due,
      total: invoice.total,
      lines: invoice.lines.data.map((line) => ({ description: line.description, amount: line.amount })),
    };
  },
  money: (preview) => (preview.amountDue > 0 ? { amount: preview.amountDue, currency: preview.currency, label: 'Plan changes charging' } : null),
  // The proration date pins the amount: a twin in the same request is the same change.
  idempotencyParts: (input, preview) => [input.subscriptionId, input.priceId, preview.to.quantity, preview.prorationDate],
  async execute(ctx, input, { idempotencyKey, preview }) {
    const sub = await callStripe(() =>
      ctx.deps.stripe.subscriptions.update(
        input.subscriptionId,
        {
          items: [{ id: preview.itemId, price: input.priceId, quantity: preview.to.quantity }],
          proration_behavior: 'always_invoice',
          proration_date: preview.prorationDate,
          expand: ['latest_invoice'],
        },
        { idempotencyKey },
      ),
    );
    const invoice = sub.latest_invoice as Stripe.Invoice | null;
    return { subscriptionId: sub.id, priceId: input.priceId, invoiceId: invoice?.id ?? null, amountDue: invoice?.amount_due ?? null, total: invoice?.total ?? null, currency: invoice?.currency ?? preview.currency };
  },
});

import type Stripe from 'stripe';
import type { StripeEmulator } from '@opsdesk/stripe-emulator';
import { COUPONS, PRICE_SPECS, type Catalog, type PaidPlanKey } from './billingCatalog.js';
import type { CustomerPlan, LifeEvent } from './billingPlan.js';
import type { ClockAgenda } from './clockAgenda.js';
import { DAY } from './productData.js';

/**
 * Carries out one customer's story through the official SDK: sign-up (with trial and
 * coupon), then each life event when its day comes on the customer's test clock.
 * Every step that actually happened is tallied, so tests can prove each scenario exists.
 */
export type Scenario =
  | 'trial_conversion'
  | 'trial_abandoned'
  | 'coupon_once'
  | 'coupon_repeating'
  | 'coupon_forever'
  | 'upgrade'
  | 'downgrade'
  | 'failed_payment_recovered'
  | 'failed_payment_churned'
  | 'cancel_at_period_end'
  | 'cancel_immediately'
  | 'reactivation'
  | 'refund_full'
  | 'refund_partial'
  | 'dispute';

export interface StoryContext {
  stripe: Stripe;
  emulator: StripeEmulator;
  catalog: Catalog;
  end: number;
  tally: (scenario: Scenario) => void;
}

export interface CustomerState {
  plan: CustomerPlan;
  customerId: string;
  subscriptionId: string;
  planKey: PaidPlanKey;
  seats: number;
}

const GOOD_CARD = 'pm_card_visa';
const TRIAL_DAYS = 14;

export async function signUp(ctx: StoryContext, agenda: ClockAgenda, plan: CustomerPlan): Promise<CustomerState> {
  const customer = await ctx.stripe.customers.create({
    email: plan.email,
    name: plan.name,
    description: plan.workspaceName,
    test_clock: agenda.clockId,
    metadata: { app_user_id: plan.ownerUserId, app_workspace_id: plan.workspaceId },
    invoice_settings: { default_payment_method: GOOD_CARD },
  });
  const state: CustomerState = { plan, customerId: customer.id, subscriptionId: '', planKey: plan.plan, seats: plan.seats };
  const sub = await subscribe(ctx, state, { trial: plan.trial !== null, coupon: plan.coupon ? COUPONS[plan.coupon].id : undefined });
  if (plan.coupon) ctx.tally(plan.coupon === 'foreverAmount' ? 'coupon_forever' : `coupon_${plan.coupon}`);
  if (plan.trial === 'abandon') {
    agenda.at(agenda.now + 10 * DAY, async () => {
      await ctx.stripe.subscriptions.cancel(sub.id);
      ctx.tally('trial_abandoned');
    });
  } else if (plan.trial === 'convert') {
    agenda.at(sub.trial_end! + 3600, async () => {
      if ((await ctx.stripe.subscriptions.retrieve(sub.id)).status === 'active') ctx.tally('trial_conversion');
    });
  }
  for (const event of plan.events) agenda.at(plan.signupAt + event.afterDays * DAY, () => runLifeEvent(ctx, agenda, state, event));
  return state;
}

async function subscribe(ctx: StoryContext, state: CustomerState, options: { trial: boolean; coupon?: string }): Promise<Stripe.Subscription> {
  const sub = await ctx.stripe.subscriptions.create({
    customer: state.customerId,
    items: [{ price: ctx.catalog.priceId[state.planKey], quantity: state.seats }],
    ...(options.trial ? { trial_period_days: TRIAL_DAYS } : {}),
    ...(options.coupon ? { discounts: [{ coupon: options.coupon }] } : {}),
    metadata: { app_workspace_id: state.plan.workspaceId },
  });
  state.subscriptionId = sub.id;
  return sub;
}

const LIVE = new Set(['active', 'trialing', 'past_due']);

async function runLifeEvent(ctx: StoryContext, agenda: ClockAgenda, state: CustomerState, event: LifeEvent): Promise<void> {
  const sub = await ctx.stripe.subscriptions.retrieve(state.subscriptionId);
  // A story step that no longer applies (the customer already left) is skipped.
  if (event.kind === 'resubscribe') {
    if (sub.status !== 'canceled') return;
    await ctx.stripe.customers.update(state.customerId, { invoice_settings: { default_payment_method: GOOD_CARD } });
    await subscribe(ctx, state, { trial: false });
    return ctx.tally('reactivation');
  }
  if (!LIVE.has(sub.status)) return;
  const periodEnd = sub.items.data[0]!.current_period_end;
  switch (event.kind) {
    case 'upgrade':
    case 'downgrade':
      return changePlan(ctx, state, sub, event.kind);
    case 'fail_then_recover':
    case 'fail_then_churn': {
      // The renewal must fall inside the history, or the failure would never show.
      if (periodEnd + 8 * DAY > ctx.end || sub.status !== 'active' || sub.cancel_at_period_end) return;
      await ctx.stripe.customers.update(state.customerId, { invoice_settings: { default_payment_method: event.kind === 'fail_then_churn' ? 'pm_card_chargeDeclined' : 'pm_card_chargeDeclinedInsufficientFunds' } });
      if (event.kind === 'fail_then_churn') {
        agenda.at(periodEnd + 10 * DAY, async () => {
          if ((await ctx.stripe.subscriptions.retrieve(sub.id)).status === 'canceled') ctx.tally('failed_payment_churned');
        });
        return;
      }
      // Card updated a day after the failed renewal; the next scheduled retry pays.
      agenda.at(periodEnd + DAY + 3600, () => ctx.stripe.customers.update(state.customerId, { invoice_settings: { default_payment_method: GOOD_CARD } }).then(() => undefined));
      agenda.at(periodEnd + 4 * DAY, async () => {
        const latest = await ctx.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
        const invoice = latest.latest_invoice as Stripe.Invoice;
        if (latest.status === 'active' && invoice.status === 'paid' && (invoice.attempt_count ?? 0) > 1) ctx.tally('failed_payment_recovered');
      });
      return;
    }
    case 'cancel_at_period_end':
      if (sub.cancel_at_period_end) return;
      await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true, cancellation_details: { feedback: 'too_expensive' } });
      return ctx.tally('cancel_at_period_end');
    case 'undo_cancel':
      if (!sub.cancel_at_period_end) return;
      await ctx.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
      return ctx.tally('reactivation');
    case 'cancel_immediately':
      await ctx.stripe.subscriptions.cancel(sub.id, { cancellation_details: { feedback: 'switched_service' } });
      return ctx.tally('cancel_immediately');
    case 'refund_full':
    case 'refund_partial': {
      const charge = await latestCharge(ctx, state, (c) => c.amount_refunded === 0 && !c.disputed);
      if (!charge) return;
      const amount = event.kind === 'refund_partial' ? Math.floor(charge.amount / 2) : undefined;
      await ctx.stripe.refunds.create({ charge: charge.id, ...(amount ? { amount } : {}), reason: 'requested_by_customer' });
      return ctx.tally(event.kind);
    }
    case 'dispute_won':
    case 'dispute_lost': {
      const charge = await latestCharge(ctx, state, (c) => c.amount_refunded === 0 && !c.disputed);
      if (!charge) return;
      const dispute = ctx.emulator.helpers.openDispute(charge.id, event.kind === 'dispute_lost' ? 'fraudulent' : 'product_not_received');
      ctx.tally('dispute');
      agenda.at(agenda.now + 21 * DAY, async () => void ctx.emulator.helpers.closeDispute(dispute.id, event.kind === 'dispute_won' ? 'won' : 'lost'));
      return;
    }
  }
}

/** Upgrades are invoiced at once (always_invoice); downgrades credit the next invoice. */
async function changePlan(ctx: StoryContext, state: CustomerState, sub: Stripe.Subscription, direction: 'upgrade' | 'downgrade'): Promise<void> {
  const next = direction === 'upgrade' ? upgradeOf(state) : downgradeOf(state);
  if (!next || sub.status === 'trialing') return;
  await ctx.stripe.subscriptions.update(sub.id, {
    items: [{ id: sub.items.data[0]!.id, price: ctx.catalog.priceId[next.planKey], quantity: next.seats }],
    proration_behavior: direction === 'upgrade' ? 'always_invoice' : 'create_prorations',
  });
  state.planKey = next.planKey;
  state.seats = next.seats;
  ctx.tally(direction);
}

function upgradeOf({ planKey, seats }: CustomerState): { planKey: PaidPlanKey; seats: number } | null {
  if (planKey === 'pro_monthly') return { planKey: 'team_monthly', seats: 5 };
  if (planKey === 'team_monthly') return { planKey, seats: seats + Math.max(2, Math.round(seats / 3)) };
  if (planKey === 'enterprise_quarterly') return { planKey: 'enterprise_annual', seats: 1 };
  return null;
}

function downgradeOf({ planKey, seats }: CustomerState): { planKey: PaidPlanKey; seats: number } | null {
  if (planKey === 'team_monthly') return seats > 4 ? { planKey, seats: Math.ceil(seats / 2) } : { planKey: 'pro_monthly', seats: 1 };
  if (planKey === 'enterprise_annual' || planKey === 'enterprise_quarterly') return { planKey: 'team_monthly', seats: 40 };
  return null;
}

async function latestCharge(ctx: StoryContext, state: CustomerState, usable: (c: Stripe.Charge) => boolean): Promise<Stripe.Charge | undefined> {
  const charges = await ctx.stripe.charges.list({ customer: state.customerId, limit: 10 });
  return charges.data.find((c) => c.status === 'succeeded' && usable(c));
}

/** The workspace's plan as the product records it: free unless a subscription is live. */
export function appPlanOf(status: string, planKey: PaidPlanKey | undefined): string {
  return planKey && LIVE.has(status) ? PRICE_SPECS[planKey].appPlan : 'free';
}

import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { adjustCustomerBalance, applyBalance } from './customerBalance.js';
import { subscriptionIdOf, subscriptionOf } from './invoiceBuild.js';

// An invoice's status transitions: finalize, paid, void, uncollectible (each emits its event).

/** draft → open: number assigned, customer balance applied; zero-due invoices are paid at once. */
export function finalizeInvoice(engine: Engine, inv: StripeObject): void {
  const customer = engine.store.require('customer', inv.customer);
  const now = engine.now(customer.id);
  const starting = customer.balance as number;
  const { amountDue, endingBalance } = applyBalance(inv.total as number, starting);
  engine.update(inv, 'invoice.finalized', (i) => {
    i.status = 'open';
    i.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`;
    i.starting_balance = starting;
    i.ending_balance = endingBalance;
    i.amount_due = amountDue;
    i.amount_remaining = amountDue - (i.amount_paid as number);
    i.status_transitions = { ...i.status_transitions, finalized_at: now };
    i.effective_at = now;
  });
  customer.next_invoice_sequence = (customer.next_invoice_sequence as number) + 1;
  if (endingBalance !== starting) {
    adjustCustomerBalance(engine, customer, endingBalance - starting, { type: 'applied_to_invoice', invoice: inv.id });
  }
  if (amountDue === 0) markPaid(engine, inv);
}

export function markPaid(engine: Engine, inv: StripeObject, amountPaid = 0): void {
  const now = engine.now(inv.customer as string);
  engine.update(inv, 'invoice.paid', (i) => {
    i.status = 'paid';
    i.amount_paid = (i.amount_paid as number) + amountPaid;
    i.amount_remaining = 0;
    i.attempted = true;
    if (amountPaid > 0) i.attempt_count = (i.attempt_count as number) + 1;
    i.next_payment_attempt = null;
    i.status_transitions = { ...i.status_transitions, paid_at: now };
  });
  engine.bus.emit('invoice.payment_succeeded', inv);
  const sub = subscriptionOf(engine, inv);
  if (sub && ['past_due', 'unpaid', 'incomplete'].includes(sub.status as string)) {
    const stillOpen = engine.store.list('invoice', (i) => subscriptionIdOf(i) === sub.id && i.status === 'open');
    if (stillOpen.length === 0) {
      engine.update(sub, 'customer.subscription.updated', (s) => (s.status = s.trial_end && (s.trial_end as number) > now ? 'trialing' : 'active'));
    }
  }
}

export function voidInvoice(engine: Engine, inv: StripeObject): void {
  const now = engine.now(inv.customer as string);
  engine.update(inv, 'invoice.voided', (i) => {
    i.status = 'void';
    i.amount_remaining = 0;
    i.next_payment_attempt = null;
    i.status_transitions = { ...i.status_transitions, voided_at: now };
  });
  cancelOpenPayment(engine, inv, now);
}

export function markUncollectible(engine: Engine, inv: StripeObject): void {
  const now = engine.now(inv.customer as string);
  engine.update(inv, 'invoice.marked_uncollectible', (i) => {
    i.status = 'uncollectible';
    i.next_payment_attempt = null;
    i.status_transitions = { ...i.status_transitions, marked_uncollectible_at: now };
  });
}

function cancelOpenPayment(engine: Engine, inv: StripeObject, now: number): void {
  for (const p of engine.store.list('invoice_payment', (x) => x.invoice === inv.id && x.status === 'open')) {
    p.status = 'canceled';
    p.status_transitions = { ...p.status_transitions, canceled_at: now };
    const pi = engine.store.get('payment_intent', p.payment.payment_intent as string);
    if (pi && pi.status !== 'succeeded') {
      engine.update(pi, 'payment_intent.canceled', (x) => {
        x.status = 'canceled';
        x.canceled_at = now;
        x.cancellation_reason = 'void_invoice';
      });
    }
  }
}

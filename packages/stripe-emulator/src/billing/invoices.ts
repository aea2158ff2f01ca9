import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { embeddedList } from '../wire/list.js';
import { discountAmount, discountApplies } from './discounts.js';
import { confirmPaymentIntent, newPaymentIntent } from './payments.js';
import { DAY } from './periods.js';

export interface LineInput {
  amount: number;
  description: string;
  period: { start: number; end: number };
  price?: StripeObject | null;
  quantity?: number | null;
  proration?: boolean;
  subscription?: string | null;
  subscriptionItem?: string | null;
  invoiceItem?: string | null;
}

export interface InvoiceInput {
  customer: StripeObject;
  subscription?: StripeObject | null;
  lines: LineInput[];
  billingReason: string;
  periodStart: number;
  periodEnd: number;
  collectionMethod?: string;
  autoAdvance?: boolean;
  prorationDate?: number;
  description?: string | null;
  metadata?: Record<string, string>;
  /** Preview (create_preview): not stored, customer balance applied virtually. */
  preview?: boolean;
}

export function subscriptionIdOf(inv: StripeObject): string | null {
  return (inv.parent?.subscription_details?.subscription as string | undefined) ?? null;
}

function newLine(engine: Engine, invoiceId: string | null, currency: string, l: LineInput): StripeObject {
  const sub = l.subscription ?? null;
  const parent = l.subscriptionItem
    ? {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: l.invoiceItem ?? null,
          proration: !!l.proration,
          proration_details: { credited_items: null },
          subscription: sub,
          subscription_item: l.subscriptionItem,
        },
      }
    : l.invoiceItem
      ? {
          type: 'invoice_item_details',
          invoice_item_details: { invoice_item: l.invoiceItem, proration: !!l.proration, proration_details: { credited_items: null }, subscription: sub },
          subscription_item_details: null,
        }
      : null;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: l.amount,
    currency,
    description: l.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent,
    period: l.period,
    pretax_credit_amounts: [],
    pricing: l.price
      ? { type: 'price_details', price_details: { price: l.price.id, product: l.price.product }, unit_amount_decimal: String(l.price.unit_amount ?? 0) }
      : null,
    quantity: l.quantity ?? 1,
    quantity_decimal: String(l.quantity ?? 1),
    subscription: sub,
    subtotal: l.amount,
    taxes: [],
  };
}

/** What applying the customer's balance does to an invoice total (negative balance = credit). */
export function applyBalance(total: number, balance: number): { amountDue: number; endingBalance: number } {
  if (total <= 0) return { amountDue: 0, endingBalance: balance + total };
  if (balance < 0) {
    const used = Math.min(-balance, total);
    return { amountDue: total - used, endingBalance: balance + used };
  }
  return { amountDue: total + balance, endingBalance: 0 };
}

export function buildInvoice(engine: Engine, input: InvoiceInput): StripeObject {
  const { customer, subscription } = input;
  const now = engine.now(customer.id);
  const id = input.preview ? `upcoming_${newId('in')}` : newId('in');
  const currency = (input.lines[0]?.price?.currency as string | undefined) ?? (customer.currency as string | null) ?? 'usd';
  const lines = input.lines.map((l) => newLine(engine, input.preview ? null : id, currency, l));
  const subtotal = lines.reduce((s, l) => s + (l.amount as number), 0);

  // Subscription discounts that still apply to an invoice created now.
  const discountIds: string[] = [];
  let discount = 0;
  if (subscription) {
    const used = engine.sub(subscription.id).discountedInvoices;
    for (const did of subscription.discounts as string[]) {
      const d = engine.store.get('discount', did);
      if (d && discountApplies(d, now, used)) {
        discountIds.push(d.id);
        discount += discountAmount(d.source.coupon as StripeObject, subtotal - discount);
      }
    }
  }
  const total = subtotal - discount;
  const balance = input.preview ? applyBalance(total, customer.balance as number) : null;
  const amountDue = balance ? balance.amountDue : Math.max(0, total);

  const invoice: StripeObject = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Opsdesk Emulator',
    account_tax_ids: null,
    amount_due: amountDue,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amountDue,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: input.autoAdvance ?? !input.preview,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: input.billingReason,
    collection_method: input.collectionMethod ?? 'charge_automatically',
    created: now,
    currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: customer.address ?? null,
    customer_email: customer.email ?? null,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: input.description ?? null,
    discounts: discountIds,
    due_date: null,
    effective_at: null,
    ending_balance: balance ? balance.endingBalance : null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: input.preview ? null : `https://invoice.stripe.com/i/emulator/${id}`,
    invoice_pdf: input.preview ? null : `https://pay.stripe.com/invoice/emulator/${id}/pdf`,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: embeddedList(lines, `/v1/invoices/${id}/lines`),
    livemode: false,
    metadata: input.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: subscription
      ? {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: {
            metadata: structuredClone(subscription.metadata),
            subscription: subscription.id,
            ...(input.prorationDate !== undefined ? { subscription_proration_date: input.prorationDate } : {}),
          },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: input.periodEnd,
    period_start: input.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: balance ? (customer.balance as number) : 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: customer.test_clock ?? null,
    total,
    total_discount_amounts: discountIds.length ? [{ amount: discount, discount: discountIds[0] }] : [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: input.preview ? null : now,
  };
  if (input.preview) return invoice;

  if (subscription && discountIds.length) engine.sub(subscription.id).discountedInvoices++;
  if (!customer.currency) customer.currency = currency;
  // Pending invoice items billed here are no longer pending.
  for (const l of input.lines) {
    const ii = l.invoiceItem ? engine.store.get('invoiceitem', l.invoiceItem) : undefined;
    if (ii) ii.invoice = id;
  }
  engine.store.insert(invoice);
  engine.bus.emit('invoice.created', invoice);
  return invoice;
}

function paymentMethodFor(engine: Engine, inv: StripeObject): string | null {
  if (inv.default_payment_method) return inv.default_payment_method as string;
  const subId = subscriptionIdOf(inv);
  const sub = subId ? engine.store.get('subscription', subId) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method as string;
  const customer = engine.store.get('customer', inv.customer as string);
  return (customer?.invoice_settings?.default_payment_method as string | null | undefined) ?? null;
}

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

export function adjustCustomerBalance(
  engine: Engine,
  customer: StripeObject,
  amount: number,
  input: { type: string; invoice?: string | null; credit_note?: string | null; description?: string | null; metadata?: Record<string, string> },
): StripeObject {
  const now = engine.now(customer.id);
  engine.update(customer, 'customer.updated', (c) => {
    c.balance = (c.balance as number) + amount;
  });
  const txn: StripeObject = {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount,
    checkout_session: null,
    created: now,
    credit_note: input.credit_note ?? null,
    currency: (customer.currency as string | null) ?? 'usd',
    customer: customer.id,
    customer_account: null,
    description: input.description ?? null,
    ending_balance: customer.balance,
    invoice: input.invoice ?? null,
    livemode: false,
    metadata: input.metadata ?? {},
    type: input.type,
  };
  return engine.store.insert(txn);
}

export interface PayResult {
  ok: boolean;
  declined: { code: string; declineCode: string; message: string; charge: string | null; paymentIntent: StripeObject | null } | null;
  noPaymentMethod: boolean;
}

/** One payment attempt (API `pay`, subscription creation, renewal or dunning retry). */
export function attemptInvoicePayment(engine: Engine, inv: StripeObject, opts: { paymentMethod?: string | null } = {}): PayResult {
  const remaining = (inv.amount_due as number) - (inv.amount_paid as number);
  if (remaining <= 0) {
    markPaid(engine, inv);
    return { ok: true, declined: null, noPaymentMethod: false };
  }
  const pmId = opts.paymentMethod ?? paymentMethodFor(engine, inv);
  let payment = engine.store.list('invoice_payment', (p) => p.invoice === inv.id && p.is_default)[0];
  let pi = payment ? engine.store.get('payment_intent', payment.payment.payment_intent as string) : undefined;
  if (!pmId) {
    recordFailure(engine, inv);
    return { ok: false, declined: null, noPaymentMethod: true };
  }
  if (!pi) {
    pi = newPaymentIntent(engine, {
      amount: remaining,
      currency: inv.currency as string,
      customer: inv.customer as string,
      paymentMethod: pmId,
      description: subscriptionIdOf(inv) ? (inv.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update') : null,
    });
    payment = engine.store.insert({
      id: newId('inpay'),
      object: 'invoice_payment',
      amount_paid: null,
      amount_requested: remaining,
      created: engine.now(inv.customer as string),
      currency: inv.currency,
      invoice: inv.id,
      is_default: true,
      livemode: false,
      payment: { payment_intent: pi.id, type: 'payment_intent' },
      status: 'open',
      status_transitions: { canceled_at: null, paid_at: null },
    });
  } else {
    // Retries confirm the invoice's existing PaymentIntent again, as Stripe does.
    pi.payment_method = pmId;
  }
  const outcome = confirmPaymentIntent(engine, pi);
  if (outcome.declined) {
    recordFailure(engine, inv);
    return {
      ok: false,
      noPaymentMethod: false,
      declined: { ...outcome.declined, charge: outcome.charge?.id ?? null, paymentIntent: pi },
    };
  }
  const now = engine.now(inv.customer as string);
  payment!.status = 'paid';
  payment!.amount_paid = remaining;
  payment!.status_transitions = { canceled_at: null, paid_at: now };
  markPaid(engine, inv, remaining);
  engine.bus.emit('invoice_payment.paid', payment!);
  return { ok: true, declined: null, noPaymentMethod: false };
}

function recordFailure(engine: Engine, inv: StripeObject): void {
  const retryDays = engine.settings.dunning.retryDays;
  const autoRetry = inv.collection_method === 'charge_automatically' && subscriptionIdOf(inv) !== null && inv.billing_reason !== 'subscription_create';
  engine.update(inv, 'invoice.payment_failed', (i) => {
    i.attempt_count = (i.attempt_count as number) + 1;
    i.attempted = true;
    const nextDays = retryDays[(i.attempt_count as number) - 1];
    const base = (i.status_transitions.finalized_at as number | null) ?? (i.created as number);
    i.next_payment_attempt = autoRetry && nextDays !== undefined ? base + nextDays * DAY : null;
  }, { forceEmit: true });
  const sub = subscriptionOf(engine, inv);
  if (sub && (sub.status === 'active' || sub.status === 'trialing') && inv.billing_reason !== 'subscription_create') {
    engine.update(sub, 'customer.subscription.updated', (s) => (s.status = 'past_due'));
  }
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

export function subscriptionOf(engine: Engine, inv: StripeObject): StripeObject | undefined {
  const id = subscriptionIdOf(inv);
  return id ? engine.store.get('subscription', id) : undefined;
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

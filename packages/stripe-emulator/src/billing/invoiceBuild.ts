import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { embeddedList } from '../wire/list.js';
import { applyBalance } from './customerBalance.js';
import { discountAmount, discountApplies } from './discounts.js';
import { newLine, type LineInput } from './invoiceLines.js';

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

/** Invoices point at their subscription through parent.subscription_details (API 2025+). */
export function subscriptionIdOf(inv: StripeObject): string | null {
  return (inv.parent?.subscription_details?.subscription as string | undefined) ?? null;
}

export function subscriptionOf(engine: Engine, inv: StripeObject): StripeObject | undefined {
  const id = subscriptionIdOf(inv);
  return id ? engine.store.get('subscription', id) : undefined;
}

/** Subscription discounts that still apply to an invoice created now, each on what the previous left. */
function subscriptionDiscounts(engine: Engine, subscription: StripeObject, now: number, subtotal: number): { discountIds: string[]; discount: number } {
  const discountIds: string[] = [];
  let discount = 0;
  const used = engine.sub(subscription.id).discountedInvoices;
  for (const did of subscription.discounts as string[]) {
    const d = engine.store.get('discount', did);
    if (d && discountApplies(d, now, used)) {
      discountIds.push(d.id);
      discount += discountAmount(d.source.coupon as StripeObject, subtotal - discount);
    }
  }
  return { discountIds, discount };
}

export function buildInvoice(engine: Engine, input: InvoiceInput): StripeObject {
  const { customer, subscription } = input;
  const now = engine.now(customer.id);
  const id = input.preview ? `upcoming_${newId('in')}` : newId('in');
  const currency = (input.lines[0]?.price?.currency as string | undefined) ?? (customer.currency as string | null) ?? 'usd';
  const lines = input.lines.map((l) => newLine(input.preview ? null : id, currency, l));
  const subtotal = lines.reduce((s, l) => s + (l.amount as number), 0);

  const { discountIds, discount } = subscription ? subscriptionDiscounts(engine, subscription, now, subtotal) : { discountIds: [], discount: 0 };
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

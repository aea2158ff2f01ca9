import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { adjustCustomerBalance } from '../billing/customerBalance.js';
import { markPaid } from '../billing/invoiceStatus.js';
import { invalidRequest } from '../wire/errors.js';
import { embeddedList } from '../wire/list.js';
import { int, mergeMetadata, objArr, oneOf, reqStr, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { createRefund } from './refunds.js';

const REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;

/**
 * Credit notes against finalized invoices. On an open invoice the credit lowers what is
 * due; on a paid invoice it is refunded (refund_amount), put on the customer balance
 * (credit_amount, the default) or recorded as settled outside Stripe (out_of_band_amount).
 */
export function registerCreditNotes(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/credit_notes', ({ params: p }) => {
    const inv = engine.store.require('invoice', reqStr(p, 'invoice'), 'invoice');
    if (inv.status !== 'open' && inv.status !== 'paid') {
      throw invalidRequest(`Credit notes can only be created for open or paid invoices (status is ${inv.status}).`, 'invoice');
    }
    const lineParams = objArr(p, 'lines');
    const linesAmount = lineParams?.reduce((s, l, i) => s + (int(l, 'amount', `lines[${i}][amount]`) ?? 0), 0);
    const amount = int(p, 'amount') ?? linesAmount ?? 0;
    const refundAmount = int(p, 'refund_amount') ?? 0;
    const outOfBand = int(p, 'out_of_band_amount') ?? 0;
    if (amount <= 0) throw invalidRequest('The credit note amount must be positive.', 'amount');
    const alreadyCredited = (inv.pre_payment_credit_notes_amount as number) + (inv.post_payment_credit_notes_amount as number);
    const creditable = (inv.total as number) - alreadyCredited;
    if (amount > creditable) throw invalidRequest(`The credit note amount (${amount}) exceeds the amount that can be credited on this invoice (${creditable}).`, 'amount');
    const customer = engine.store.require('customer', inv.customer);
    const now = engine.now(customer.id);
    const prePayment = inv.status === 'open';
    const creditAmount = prePayment ? 0 : (int(p, 'credit_amount') ?? amount - refundAmount - outOfBand);
    if (!prePayment && refundAmount + creditAmount + outOfBand !== amount) {
      throw invalidRequest('The sum of refund_amount, credit_amount and out_of_band_amount must equal the credit note amount.', 'amount');
    }
    const id = newId('cn');
    const cn: StripeObject = {
      id,
      object: 'credit_note',
      amount,
      amount_shipping: 0,
      created: now,
      currency: inv.currency,
      customer: customer.id,
      customer_account: null,
      customer_balance_transaction: null,
      discount_amount: 0,
      discount_amounts: [],
      effective_at: now,
      invoice: inv.id,
      lines: embeddedList(
        [{ id: newId('cnli'), object: 'credit_note_line_item', amount, description: str(p, 'memo') ?? 'Credit', discount_amount: 0, discount_amounts: [], invoice_line_item: null, livemode: false, pretax_credit_amounts: [], quantity: 1, tax_rates: [], taxes: [], type: 'custom_line_item', unit_amount: amount, unit_amount_decimal: String(amount) }],
        `/v1/credit_notes/${id}/lines`,
      ),
      livemode: false,
      memo: str(p, 'memo') ?? null,
      metadata: mergeMetadata({}, p),
      number: `${inv.number}-CN-${String(engine.store.list('credit_note', (c) => c.invoice === inv.id).length + 1).padStart(2, '0')}`,
      out_of_band_amount: outOfBand || null,
      pdf: `https://pay.stripe.com/credit_notes/emulator/${id}/pdf`,
      post_payment_amount: prePayment ? 0 : amount,
      pre_payment_amount: prePayment ? amount : 0,
      pretax_credit_amounts: [],
      reason: oneOf(p, 'reason', REASONS) ?? null,
      refunds: [],
      shipping_cost: null,
      status: 'issued',
      subtotal: amount,
      subtotal_excluding_tax: amount,
      total: amount,
      total_excluding_tax: amount,
      total_taxes: [],
      type: prePayment ? 'pre_payment' : 'post_payment',
      voided_at: null,
    };
    engine.store.insert(cn);
    if (prePayment) {
      engine.update(inv, 'invoice.updated', (i) => {
        i.pre_payment_credit_notes_amount = (i.pre_payment_credit_notes_amount as number) + amount;
        i.amount_due = Math.max(0, (i.amount_due as number) - amount);
        i.amount_remaining = Math.max(0, (i.amount_due as number) - (i.amount_paid as number));
      });
      if (inv.amount_remaining === 0) markPaid(engine, inv);
    } else {
      engine.update(inv, 'invoice.updated', (i) => (i.post_payment_credit_notes_amount = (i.post_payment_credit_notes_amount as number) + amount));
      if (refundAmount > 0) {
        const payment = engine.store.list('invoice_payment', (x) => x.invoice === inv.id && x.status === 'paid')[0];
        const pi = payment ? engine.store.get('payment_intent', payment.payment.payment_intent as string) : undefined;
        const charge = pi?.latest_charge ? engine.store.get('charge', pi.latest_charge as string) : undefined;
        if (!charge) throw invalidRequest('This invoice was not paid with a charge, so refund_amount cannot be used.', 'refund_amount');
        const refund = createRefund(engine, charge, { amount: refundAmount, reason: 'requested_by_customer' });
        cn.refunds = [{ amount_refunded: refundAmount, payment_record_refund: null, refund: refund.id, type: 'refund' }];
      }
      if (creditAmount > 0) {
        const txn = adjustCustomerBalance(engine, customer, -creditAmount, { type: 'credit_note', credit_note: cn.id, invoice: inv.id });
        cn.customer_balance_transaction = txn.id;
      }
    }
    engine.bus.emit('credit_note.created', cn);
    return cn;
  });

  router.on('GET', '/v1/credit_notes/:id', ({ path }) => engine.store.require('credit_note', path.id));
  router.on('GET', '/v1/credit_notes/:id/lines', ({ path }) => engine.store.require('credit_note', path.id).lines);
  router.on('POST', '/v1/credit_notes/:id', ({ path, params: p }) => {
    const cn = engine.store.require('credit_note', path.id);
    engine.update(cn, 'credit_note.updated', (x) => {
      if ('memo' in p) x.memo = str(p, 'memo') ?? null;
      x.metadata = mergeMetadata((x.metadata as Record<string, string>) ?? {}, p);
    });
    return cn;
  });
  router.on('POST', '/v1/credit_notes/:id/void', ({ path }) => {
    const cn = engine.store.require('credit_note', path.id);
    if (cn.status === 'void') throw invalidRequest('This credit note is already voided.', 'id');
    if (cn.type === 'post_payment' && cn.refunds.length) throw invalidRequest('Credit notes with refunds cannot be voided.', 'id');
    engine.update(cn, 'credit_note.voided', (x) => {
      x.status = 'void';
      x.voided_at = engine.now(x.customer as string);
    });
    return cn;
  });
  router.on('GET', '/v1/credit_notes', ({ params: p, url }) => {
    const invoice = str(p, 'invoice');
    const customer = str(p, 'customer');
    return listOf(engine, 'credit_note', p, url, (x) => (!invoice || x.invoice === invoice) && (!customer || x.customer === customer));
  });
}

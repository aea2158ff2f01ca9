import { formatMoney, TIMELINE_QUOTE_CHARS } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { noteAddedBy, summarizeAuditEntry, summarizeStripeEvent, timelineQuote } from './timelineSummaries.js';

/** Stripe objects as the webhook ledger stores them, including the fields Stripe leaves out. */
describe('timeline summaries', () => {
  const dec3 = Date.UTC(2026, 11, 3, 9) / 1000;

  it('an upcoming invoice (no id, no number yet) reads as amount and date', () => {
    expect(summarizeStripeEvent('invoice.upcoming', { object: 'invoice', amount_due: 123_400, currency: 'usd', next_payment_attempt: dec3, number: null })).toBe(
      `Upcoming invoice ${formatMoney(123_400, 'usd')} on 3 Dec 2026`,
    );
    expect(summarizeStripeEvent('invoice.upcoming', { object: 'invoice', currency: 'usd' })).toBe('Upcoming invoice');
  });

  it('amounts go through formatMoney, with thousands separators', () => {
    expect(formatMoney(1_234_567, 'eur')).toMatch(/12,345\.67/);
    expect(summarizeStripeEvent('invoice.paid', { object: 'invoice', id: 'in_1', number: 'A-0001', amount_paid: 1_234_567, currency: 'eur' })).toBe(`Invoice A-0001 paid: ${formatMoney(1_234_567, 'eur')}`);
    expect(summarizeStripeEvent('invoice.payment_failed', { object: 'invoice', id: 'in_2', amount_due: 250_000, currency: 'usd' })).toBe(`Invoice in_2 payment failed: ${formatMoney(250_000, 'usd')}`);
    expect(summarizeStripeEvent('invoice.created', { object: 'invoice', id: 'in_3', status: 'draft', amount_due: 60_000, currency: 'usd' })).toBe(`Draft invoice created: ${formatMoney(60_000, 'usd')}`);
    expect(summarizeStripeEvent('charge.refunded', { object: 'charge', amount: 500_000, amount_refunded: 120_000, currency: 'usd' })).toBe(
      `Payment of ${formatMoney(500_000, 'usd')} refunded (${formatMoney(120_000, 'usd')} in total)`,
    );
    expect(summarizeStripeEvent('customer.updated', { object: 'customer', id: 'cus_1', balance: -123_400, currency: 'usd' })).toBe(`Stripe customer updated (balance ${formatMoney(-123_400, 'usd')})`);
  });

  it('leaves out what Stripe left out instead of printing "undefined"', () => {
    const bare = [
      summarizeStripeEvent('invoice.finalized', { object: 'invoice' }),
      summarizeStripeEvent('charge.failed', { object: 'charge' }),
      summarizeStripeEvent('charge.refund.updated', { object: 'refund' }),
      summarizeStripeEvent('customer.subscription.updated', { object: 'subscription' }),
      summarizeStripeEvent('charge.dispute.created', { object: 'dispute' }),
      summarizeStripeEvent('payment_intent.created', {}),
    ];
    expect(bare).toEqual(['Invoice finalized', 'Payment failed', 'Refund updated', 'Subscription updated', 'Dispute created', 'payment_intent.created']);
    expect(bare.join(' ')).not.toMatch(/undefined|null|NaN/);
  });

  it('a subscription reads as plan, change and status', () => {
    const object = { object: 'subscription', status: 'past_due', cancel_at_period_end: true, items: { data: [{ price: { id: 'price_1', nickname: 'Pro monthly' } }] } };
    expect(summarizeStripeEvent('customer.subscription.updated', object)).toBe('Subscription Pro monthly updated: past due (cancels at period end)');
  });

  it('audit entries name the action in words, as the console does', () => {
    const row = { actorEmail: 'ada@opsdesk.test', reason: 'Goodwill', result: 'success', error: null };
    expect(summarizeAuditEntry({ ...row, action: 'customer.credited' })).toBe('ada@opsdesk.test: Customer credited (“Goodwill”)');
    expect(summarizeAuditEntry({ ...row, action: 'customer.cancellation_undone', reason: null })).toBe('ada@opsdesk.test: Cancellation undone');
    expect(summarizeAuditEntry({ ...row, action: 'customer.refunded', actorEmail: null, result: 'failure', error: 'card declined' })).toBe('Opsdesk: Customer refunded (“Goodwill”) — failure: card declined');
  });

  it("quotes a note's words cut at a word, whole characters only; finds the note only on its 'Note added' entry", () => {
    expect(timelineQuote('  Asked about seat pricing\n')).toBe('Asked about seat pricing');
    const cut = timelineQuote('word '.repeat(100))!;
    expect(cut).toMatch(/^(word )*word…$/);
    expect(cut.length).toBeLessThanOrEqual(TIMELINE_QUOTE_CHARS + 1);
    // One unbroken line (a URL): cut where the limit falls, never empty.
    const url = `https://logs.example.com/${'a'.repeat(600)}`;
    expect(timelineQuote(url)).toBe(`${url.slice(0, TIMELINE_QUOTE_CHARS)}…`);
    // Emoji are one character each: the cut never splits one.
    expect(Array.from(timelineQuote('😀'.repeat(400))!)).toEqual([...Array(TIMELINE_QUOTE_CHARS).fill('😀'), '…']);
    expect(timelineQuote('   ')).toBeNull();

    const noteId = '0b7e4a52-8c1f-4d6e-9a3b-2f5c6d7e8f90';
    expect(noteAddedBy({ action: 'customer.note_added', after: { noteId, body: 'x' } })).toBe(noteId);
    // An edit, a pin, another action, an erased subject (sealed values read as null) or a malformed row: none.
    expect(noteAddedBy({ action: 'customer.note_edited', after: { noteId, body: 'y' } })).toBeNull();
    expect(noteAddedBy({ action: 'customer.note_pinned', after: { noteId, pinned: true } })).toBeNull();
    expect(noteAddedBy({ action: 'customer.credited', after: { noteId } })).toBeNull();
    expect(noteAddedBy({ action: 'customer.note_added', after: null })).toBeNull();
    expect(noteAddedBy({ action: 'customer.note_added', after: { noteId: "1' or '1'='1" } })).toBeNull();
  });
});

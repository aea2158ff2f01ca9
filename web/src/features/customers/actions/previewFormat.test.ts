import { describe, expect, it } from 'vitest';
import { checkAmount } from './amountInput';
import { formatPlan, formatValue, humanize, toFacts } from './previewFormat';

describe('previews in words', () => {
  it('shows money as money in the preview currency, and hides bookkeeping and empty lists', () => {
    const facts = toFacts({ amount: 60_000, currency: 'usd', refundable: 150_000, lastUnbannedId: '0', undoneBefore: 2, subscriptionsToCancel: [], repeat: 0, stripeReason: 'requested_by_customer' });
    expect(facts.map((f) => [f.label, f.kind === 'text' ? f.text : f.kind])).toEqual([
      ['Amount', '600.00 USD'],
      ['Refundable', '1,500.00 USD'],
      ['Stripe reason', 'Requested by customer'],
    ]);
  });

  it("reads an action's choices in the dialog's words, and leaves free text and unknown values alone", () => {
    expect(formatValue('stripeReason', 'fraudulent', 'usd')).toBe('Fraudulent');
    expect(formatValue('when', 'now', null)).toBe('Immediately');
    expect(formatValue('when', 'period_end', null)).toBe('At the end of the period');
    expect(formatValue('behavior', 'void', null)).toBe('Void invoices');
    // The staff member's own reason is what they typed, even when it looks like a choice.
    expect(formatValue('reason', 'fraudulent', null)).toBe('fraudulent');
    expect(formatValue('stripeReason', 'expired_uncaptured_charge', null)).toBe('expired uncaptured charge');
  });

  it('reads a plan change as plans and a table of lines, not JSON', () => {
    const facts = toFacts({
      from: { id: 'price_pro', nickname: 'Pro monthly', unitAmount: 2000, currency: 'usd', interval: 'month', intervalCount: 1, quantity: 1 },
      to: { id: 'price_biz', nickname: null, unitAmount: 450_000, currency: 'usd', interval: 'month', intervalCount: 3, quantity: 2 },
      currency: 'usd',
      lines: [{ description: 'Unused time on Pro', amount: -1500 }, { description: null, amount: 5000 }],
    });
    expect(facts[0]).toMatchObject({ label: 'From', kind: 'text', text: 'Pro monthly × 1 — 20.00 USD / month' });
    expect(facts[1]).toMatchObject({ label: 'To', kind: 'text', text: 'price_biz × 2 — 4,500.00 USD / 3 months' });
    expect(facts[2]).toMatchObject({ kind: 'lines', lines: [{ description: 'Unused time on Pro', amount: '-15.00 USD' }, { description: '—', amount: '50.00 USD' }] });
  });

  it('shows Stripe unix times and ISO strings as dates, and ids as they are', () => {
    // Midday UTC: the same day in every time zone the tests may run in; the hour is the machine's.
    expect(formatValue('prorationDate', 1_767_268_800, 'usd')).toMatch(/^1 Jan 2026, \d\d:00$/);
    expect(formatValue('currentPeriodEnd', '2026-12-01T12:00:00.000Z', null)).toMatch(/^1 Dec 2026, \d\d:00$/);
    expect(formatValue('chargeId', 'ch_abc_def', 'usd')).toBe('ch_abc_def');
    expect(humanize('alreadyRefunded')).toBe('Already refunded');
    expect(formatPlan({ nickname: 'Team annual', unitAmount: 120_000, currency: 'usd', interval: 'year', quantity: 3 })).toBe('Team annual × 3 — 1,200.00 USD / year');
  });
});

describe('amounts typed in the currency’s units', () => {
  const refund = (text: string) => checkAmount(text, { currency: 'usd', maxCents: 15_000, what: 'refund', maxMessage: (max) => `At most ${max} can still be refunded.` });

  it('turns dollars into cents and explains every refusal in dollars', () => {
    expect(refund('20.50')).toEqual({ cents: 2050, error: null });
    expect(refund('')).toEqual({ cents: undefined, error: null });
    expect(refund('-5').error).toBe('A refund cannot be negative.');
    expect(refund('0').error).toBe('A refund must be more than 0.00 USD.');
    expect(refund('1.234').error).toBe('Use at most 2 decimals.');
    expect(refund('abc').error).toBe('Enter an amount such as 20.00.');
    expect(refund('150.01').error).toBe('At most 150.00 USD can still be refunded.');
  });
});

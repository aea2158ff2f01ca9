import { describe, expect, it } from 'vitest';
import { amountStillDue } from './invoiceDue';

describe('amountStillDue', () => {
  it('shows nothing due on a paid invoice, though Stripe keeps amount_due', () => {
    expect(amountStillDue({ status: 'paid', amountDue: 2900, amountPaid: 2900 })).toBeNull();
  });

  it('shows nothing due on a void or uncollectible invoice', () => {
    expect(amountStillDue({ status: 'void', amountDue: 2900, amountPaid: 0 })).toBeNull();
    expect(amountStillDue({ status: 'uncollectible', amountDue: 2900, amountPaid: 0 })).toBeNull();
  });

  it('shows what remains on an open invoice', () => {
    expect(amountStillDue({ status: 'open', amountDue: 2900, amountPaid: 900 })).toBe(2000);
    expect(amountStillDue({ status: 'open', amountDue: 2900, amountPaid: 0 })).toBe(2900);
  });
});

import { describe, expect, it } from 'vitest';
import { accountStatusLabel, planLabel, stripeStatusLabel } from './productWords';

describe('product words', () => {
  it('shows plans capitalised, no plan as Free', () => {
    expect(planLabel('enterprise')).toBe('Enterprise');
    expect(planLabel(null)).toBe('Free');
    expect(planLabel(undefined)).toBe('Free');
  });

  it('shows account statuses capitalised', () => {
    expect(accountStatusLabel('suspended')).toBe('Suspended');
  });

  it('words Stripe statuses as a person reads them, in Stripe\'s spelling', () => {
    expect(stripeStatusLabel('past_due')).toBe('Past due');
    expect(stripeStatusLabel('incomplete_expired')).toBe('Incomplete expired');
    expect(stripeStatusLabel('succeeded')).toBe('Succeeded');
    expect(stripeStatusLabel('canceled')).toBe('Canceled');
    expect(stripeStatusLabel(null)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { accountStatusLabel, planLabel } from './productWords';

describe('product words', () => {
  it('shows plans capitalised, no plan as Free', () => {
    expect(planLabel('enterprise')).toBe('Enterprise');
    expect(planLabel(null)).toBe('Free');
    expect(planLabel(undefined)).toBe('Free');
  });

  it('shows account statuses capitalised', () => {
    expect(accountStatusLabel('suspended')).toBe('Suspended');
  });
});

import { describe, expect, it } from 'vitest';
import { customerPageRefetchInterval, followStripeEffects } from './followStripeEffects';

describe('followStripeEffects', () => {
  it('polls the customer page for half a minute after an action, then stops', () => {
    const start = 1_800_000_000_000;
    expect(customerPageRefetchInterval(start)).toBe(false);
    followStripeEffects(start);
    expect(customerPageRefetchInterval(start + 1)).toBe(2_000);
    expect(customerPageRefetchInterval(start + 29_999)).toBe(2_000);
    expect(customerPageRefetchInterval(start + 30_000)).toBe(false);
  });

  it('a second action extends the window from its own moment', () => {
    const start = 1_900_000_000_000;
    followStripeEffects(start);
    followStripeEffects(start + 20_000);
    expect(customerPageRefetchInterval(start + 45_000)).toBe(2_000);
    expect(customerPageRefetchInterval(start + 50_000)).toBe(false);
  });
});

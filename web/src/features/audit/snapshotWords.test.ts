import { describe, expect, it } from 'vitest';
import { snapshotInWords } from './snapshotWords';

describe('snapshotInWords', () => {
  it("words a moderation rule's conditions, action and mode", () => {
    const rule = { name: 'New-account crypto scams', mode: 'shadow', action: 'hide_pending_review', conditions: { author: { maxAccountAgeDays: 7 }, keywords: ['crypto giveaway', 'double your bitcoin'] }, reasonCode: 'scam' };
    expect(snapshotInWords('moderation.rule_created', rule)).toEqual({
      name: 'New-account crypto scams',
      mode: 'Shadow (log only)',
      action: 'Hide pending review',
      conditions: 'Text contains any of “crypto giveaway”, “double your bitcoin”\nAuthor: account at most 7 days old',
      reasonCode: 'scam',
    });
  });

  it("words a flag's rules and leaves other actions' snapshots as they are", () => {
    expect(snapshotInWords('flags.environment_changed', { enabled: true, strategies: [{ name: 'default' }] })).toEqual({ enabled: true, strategies: '1. Everyone' });
    const refund = { amount: 6000, conditions: { keep: 'as is' } };
    expect(snapshotInWords('customer.refunded', refund)).toBe(refund);
    expect(snapshotInWords(undefined, refund)).toBe(refund);
    expect(snapshotInWords('moderation.rule_updated', null)).toBeNull();
  });
});

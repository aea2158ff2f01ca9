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

  it('words the preview an approval request carried, money as money, and its action by name', () => {
    const requested = {
      requestId: '538889cd-db72-4570-85e8-d4a363c5c7cc',
      action: 'customers.refund',
      preview: { chargeId: 'ch_1', customerEmail: 'maya@example.com', currency: 'usd', charged: 290000, alreadyRefunded: 0, amount: 2900 },
      approvalReason: 'Refunds marked fraudulent need a second person.',
    };
    expect(snapshotInWords('approval.requested', requested)).toEqual({
      requestId: '538889cd-db72-4570-85e8-d4a363c5c7cc',
      action: 'Refund',
      whatTheRequesterSaw: 'Charge id: ch_1\nCustomer email: maya@example.com\nCharged: 2,900.00 USD\nAlready refunded: 0.00 USD\nAmount: 29.00 USD',
      approvalReason: 'Refunds marked fraudulent need a second person.',
    });
    const flagChange = { action: 'flags.changeEnvironment', preview: { key: 'checkout', before: { enabled: false, strategies: [], variants: [] }, after: { enabled: true, strategies: [{ name: 'default' }], variants: [] } } };
    expect(snapshotInWords('approval.requested', flagChange)).toEqual({ action: 'Flag change', whatTheRequesterSaw: 'Key: checkout\nBefore: Off; No strategies\nAfter: On; 1. Everyone' });
  });

  it("words a privacy request's state as its page does", () => {
    expect(snapshotInWords('privacy.request_on_hold', { status: 'on_hold', kind: 'erasure', dueOn: '2027-01-05', extensionMonths: null, statusBeforeHold: 'verified' })).toEqual({
      status: 'On hold',
      kind: 'Erasure',
      dueOn: '5 Jan 2027',
      extensionMonths: null,
      statusBeforeHold: 'Identity verified',
    });
  });

  it("spreads an SLO's definition into fields of its own, in words", () => {
    const before = { definition: { service: 'opsdesk', name: 'availability', description: '', sli: { kind: 'availability' }, objectivePercent: 99.5, windowDays: 7, minValidRequests: 100 }, runbook: null, notify: true };
    const after = { ...before, definition: { ...before.definition, sli: { kind: 'latency', thresholdMs: 300 }, objectivePercent: 99.9 }, runbook: { action: 'connections.list', params: { olderThanSeconds: '45' } } };
    expect(snapshotInWords('slo.updated', before)).toEqual({ name: 'opsdesk / availability', description: null, indicator: 'Availability (requests not failing)', objective: '99.5 % over 7 days', minValidRequests: 100, runbook: null, notify: true });
    expect(snapshotInWords('slo.updated', after)).toMatchObject({ indicator: 'Latency (requests under 300 ms)', objective: '99.9 % over 7 days', runbook: 'connections.list\nolderThanSeconds: 45' });
  });

  it("words a runbook run's plan as its summary and numbered steps", () => {
    const requested = { runId: 'r1', action: 'connections.terminateIdle', params: { minIdleSeconds: 300 }, planHash: 'ab', plan: { summary: 'Terminate 2 idle connections', steps: ['Terminate pid 101', 'Terminate pid 102'] } };
    expect(snapshotInWords('runbooks.run_requested', requested)).toEqual({ runId: 'r1', action: 'connections.terminateIdle', params: 'minIdleSeconds: 300', planHash: 'ab', plan: 'Terminate 2 idle connections\n1. Terminate pid 101\n2. Terminate pid 102' });
  });

  it("words a flag's rules and leaves other actions' snapshots as they are", () => {
    expect(snapshotInWords('flags.environment_changed', { enabled: true, strategies: [{ name: 'default' }] })).toEqual({ enabled: true, strategies: '1. Everyone' });
    const refund = { amount: 6000, conditions: { keep: 'as is' } };
    expect(snapshotInWords('customer.refunded', refund)).toBe(refund);
    expect(snapshotInWords(undefined, refund)).toBe(refund);
    expect(snapshotInWords('moderation.rule_updated', null)).toBeNull();
  });
});

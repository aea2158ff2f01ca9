import { describe, expect, it } from 'vitest';
import { appealOutcomeText, type AppealDecided } from './appealOutcomeText';

const decided = (reversal: unknown, status: 'reversed' | 'upheld' = 'reversed') =>
  ({ appealId: 'a', decisionId: 'd', status, decidedAt: '2026-12-07T07:00:00.000Z', reversal }) as unknown as AppealDecided;

describe('appealOutcomeText', () => {
  it('an upheld appeal leaves the decision standing', () => {
    expect(appealOutcomeText(decided(null, 'upheld'))).toBe('Upheld: the decision stands.');
  });

  it('says the content is back, in words', () => {
    expect(appealOutcomeText(decided({ content: { restored: true, from: 'hidden', to: 'visible' } }))).toBe('Reversed: the content is visible again.');
  });

  it('says what lifting the account measure did, never the request status word', () => {
    const lifted = decided({ content: { restored: true, from: 'removed', to: 'visible' }, account: { lifted: true, requestId: 'r', status: 'done' } });
    expect(appealOutcomeText(lifted)).toBe('Reversed: the content is visible again; the account is reinstated.');
    const held = appealOutcomeText(decided({ account: { lifted: false, requestId: 'r', status: 'pending_approval' } }));
    expect(held).toBe("Reversed: reinstating the account waits for a second person's approval.");
    expect(held).not.toContain('pending_approval');
    expect(appealOutcomeText(decided({ account: { lifted: false, requestId: 'r', status: 'in_progress' } }))).toBe('Reversed: the account is being reinstated.');
  });

  it("passes on the server's note when there was nothing to lift", () => {
    const note = 'The account is no longer restricted.';
    expect(appealOutcomeText(decided({ account: { lifted: false, requestId: null, status: 'active', note } }))).toBe(`Reversed: the decision is undone. ${note}`);
  });
});

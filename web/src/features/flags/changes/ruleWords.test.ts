import { describe, expect, it } from 'vitest';
import { flipsInWords, payingInWords, answerInWords, asOfInWords } from './impactWords';
import { constraintInWords, percentOf, rulesInWords, strategyInWords, variantsInWords } from './ruleWords';

describe('strategyInWords', () => {
  it('says a gradual rollout to a plan the way a person would', () => {
    const strategy = { name: 'flexibleRollout', parameters: { rollout: '10', stickiness: 'default', groupId: 'k' }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] };
    expect(strategyInWords(strategy)).toBe('Gradual rollout 10 % of users where plan is Pro');
  });

  it('names every kind, segments by name, and disabled strategies', () => {
    expect(strategyInWords({ name: 'default' })).toBe('Everyone');
    expect(strategyInWords({ name: 'userWithId', parameters: { userIds: 'u-1,u-2' } })).toBe('Specific users: u-1 and u-2');
    expect(strategyInWords({ name: 'remoteAddress', parameters: { IPs: '10.0.0.0/8' } })).toBe('IP addresses 10.0.0.0/8');
    expect(strategyInWords({ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'sessionId' } })).toBe('Gradual rollout 50 % of sessions');
    expect(strategyInWords({ name: 'applicationHostname' })).toBe('Custom strategy "applicationHostname" (Opsdesk never turns it on)');
    expect(strategyInWords({ name: 'default', segments: [3, 4], disabled: true }, new Map([[3, 'beta-testers']]))).toBe('Everyone where in segment beta-testers and in segment #4 (disabled: skipped)');
  });
});

describe('constraintInWords', () => {
  it('reads operators, signup days, inversion and case', () => {
    expect(constraintInWords({ contextName: 'signupDate', operator: 'NUM_GTE', value: '20260101' })).toBe('signed up on or after 2026-01-01');
    expect(constraintInWords({ contextName: 'country', operator: 'IN', values: ['NO', 'SE', 'DK'], inverted: true })).toBe('not (country is NO, SE or DK)');
    expect(constraintInWords({ contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@acme.test'], caseInsensitive: true })).toBe('email ends with @acme.test (any case)');
    expect(constraintInWords({ contextName: 'x', operator: 'BOGUS', value: '1' })).toBe('x BOGUS (unknown operator: never matches)');
  });
});

describe('variants and rules', () => {
  it('explains weights out of 1000 as percentages', () => {
    expect(variantsInWords([{ name: 'blue', weight: 500 }, { name: 'green', weight: 500 }])).toBe('blue 50 %, green 50 %');
    expect(percentOf(333, 1000)).toBe('33.3 %');
    expect(rulesInWords({ enabled: true, strategies: [], variants: [] })).toEqual(['On', 'No strategies: on for everyone']);
    expect(rulesInWords({ enabled: false, strategies: [{ name: 'default' }], variants: [{ name: 'a', weight: 1000 }] })).toEqual(['Off', '1. Everyone', 'Variants: a 100 %']);
  });
});

describe('impact in words', () => {
  it('counts flips, paying customers and MRR as money', () => {
    expect(flipsInWords({ offToOn: 312, onToOff: 0, variantChanged: 0 })).toBe('312 accounts turn on, 0 turn off');
    expect(flipsInWords({ offToOn: 1, onToOff: 1, variantChanged: 2 })).toBe('1 account turns on, 1 turns off, 2 change variant');
    expect(payingInWords({ payingCustomersAffected: 3, mrrAffectedCents: 8_700, currency: 'usd' })).toBe('3 paying customers affected, 87.00 USD MRR affected');
    expect(answerInWords('on:blue')).toBe('on (blue)');
    expect(asOfInWords('2026-12-01T09:41:00', new Date('2026-12-01T12:00:00'))).toBe('accounts as of 09:41');
    expect(asOfInWords('2026-11-30T09:41:00', new Date('2026-12-01T12:00:00'))).toBe('accounts as of 30 Nov 2026, 09:41');
    expect(asOfInWords(undefined)).toBeNull();
  });
});

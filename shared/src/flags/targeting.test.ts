import { describe, expect, it } from 'vitest';
import { compileRuleset, isEnabled } from './evaluator.js';
import type { FlagConstraint } from './flags.schemas.js';
import { flagContextForAccount, signupDateValue, targetingToConstraints, ZFlagTargetingSchema, type FlagAccount, type TFlagTargeting } from './targeting.js';

/** Opsdesk targeting → Unleash constraints, proven by evaluating the result on accounts. */

const proUser: FlagAccount = {
  userId: 'u-1',
  workspaceId: 'ws-1',
  plan: 'pro',
  subscriptionStatus: 'active',
  country: 'no',
  signedUpAt: '2026-03-15T22:30:00Z',
  attributes: { appVersion: '2.4.0', seats: 12 },
};
const freeUser: FlagAccount = { userId: 'u-2', workspaceId: 'ws-2', plan: 'free', country: 'SE', signedUpAt: new Date('2025-01-01T00:00:00Z') };

function matches(targeting: TFlagTargeting, account: FlagAccount): boolean {
  const constraints = targetingToConstraints(ZFlagTargetingSchema.parse(targeting));
  const ruleset = compileRuleset({ features: [{ name: 'f', enabled: true, strategies: [{ name: 'default', constraints }] }] });
  return isEnabled(ruleset, 'f', flagContextForAccount(account));
}

describe('targetingToConstraints', () => {
  it('turns each list into an IN constraint on its documented context field', () => {
    const constraints = targetingToConstraints({
      users: ['u-1'],
      workspaces: ['ws-1', 'ws-9'],
      plans: ['pro'],
      subscriptionStatuses: ['active', 'trialing'],
      countries: ['no'],
    });
    expect(constraints).toEqual<FlagConstraint[]>([
      { contextName: 'userId', operator: 'IN', values: ['u-1'] },
      { contextName: 'workspaceId', operator: 'IN', values: ['ws-1', 'ws-9'] },
      { contextName: 'plan', operator: 'IN', values: ['pro'] },
      { contextName: 'subscriptionStatus', operator: 'IN', values: ['active', 'trialing'] },
      { contextName: 'country', operator: 'IN', values: ['NO'] },
    ]);
  });

  it('turns a signup range into NUM_GTE/NUM_LTE on the YYYYMMDD day (DATE_* only compare the current time)', () => {
    expect(targetingToConstraints({ signupDate: { from: '2026-01-01', to: '2026-06-30' } })).toEqual([
      { contextName: 'signupDate', operator: 'NUM_GTE', value: '20260101' },
      { contextName: 'signupDate', operator: 'NUM_LTE', value: '20260630' },
    ]);
  });

  it('is no constraint at all when nothing is targeted (everyone)', () => {
    expect(targetingToConstraints({})).toEqual([]);
    expect(matches({}, freeUser)).toBe(true);
  });

  it('matches the accounts it describes and not the others', () => {
    expect(matches({ plans: ['pro'] }, proUser)).toBe(true);
    expect(matches({ plans: ['pro'] }, freeUser)).toBe(false);
    expect(matches({ users: ['u-2'] }, freeUser)).toBe(true);
    expect(matches({ workspaces: ['ws-1'] }, freeUser)).toBe(false);
    expect(matches({ countries: ['NO'] }, proUser)).toBe(true);
    expect(matches({ subscriptionStatuses: ['active'] }, proUser)).toBe(true);
    // No subscription is the status `none`, which can be targeted on its own.
    expect(matches({ subscriptionStatuses: ['none'] }, freeUser)).toBe(true);
    expect(matches({ subscriptionStatuses: ['active', 'past_due'] }, freeUser)).toBe(false);
  });

  it('bounds signup days inclusively, on the UTC day', () => {
    expect(matches({ signupDate: { from: '2026-03-15', to: '2026-03-15' } }, proUser)).toBe(true);
    expect(matches({ signupDate: { from: '2026-03-16' } }, proUser)).toBe(false);
    expect(matches({ signupDate: { to: '2026-03-14' } }, proUser)).toBe(false);
    expect(matches({ signupDate: { to: '2025-12-31' } }, freeUser)).toBe(true);
    expect(signupDateValue('2026-03-15T23:59:59-05:00')).toBe(20260316);
  });

  it('ANDs the parts: plan and country and attributes must all hold', () => {
    const targeting: TFlagTargeting = {
      plans: ['pro', 'business'],
      countries: ['NO', 'DK'],
      attributes: [
        { name: 'appVersion', operator: 'SEMVER_GTE', value: '2.0.0' },
        { name: 'seats', operator: 'NUM_GT', value: '10' },
      ],
    };
    expect(matches(targeting, proUser)).toBe(true);
    expect(matches(targeting, { ...proUser, attributes: { appVersion: '1.9.9', seats: 12 } })).toBe(false);
    expect(matches(targeting, { ...proUser, country: 'SE' })).toBe(false);
  });

  it('passes attribute rules through with their flags', () => {
    expect(
      targetingToConstraints({ attributes: [{ name: 'email', operator: 'STR_ENDS_WITH', values: ['@Example.com'], inverted: true, caseInsensitive: true }] }),
    ).toEqual([{ contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@Example.com'], inverted: true, caseInsensitive: true }]);
  });
});

describe('ZFlagTargetingSchema', () => {
  it.each([
    ['an empty list (ambiguous: nobody or everyone?)', { plans: [] }],
    ['an unknown subscription status', { subscriptionStatuses: ['gold'] }],
    ['a country that is not two letters', { countries: ['Norway'] }],
    ['a backwards signup range', { signupDate: { from: '2026-02-01', to: '2026-01-01' } }],
    ['a signup day that is not a date', { signupDate: { from: '2026-02-30' } }],
    ['an unknown operator in an attribute rule', { attributes: [{ name: 'x', operator: 'LIKE', values: ['a'] }] }],
    ['an id with spaces or markup', { users: ['<script>'] }],
    ['an unknown key', { plan: ['pro'] }],
    ['too many users', { users: Array.from({ length: 1001 }, (_, i) => `u${i}`) }],
  ])('refuses %s', (_label, input) => {
    expect(ZFlagTargetingSchema.safeParse(input).success).toBe(false);
  });
});

describe('flagContextForAccount', () => {
  it('puts the user id at the top and the rest in properties, under the documented names', () => {
    expect(flagContextForAccount(proUser)).toEqual({
      userId: 'u-1',
      properties: { workspaceId: 'ws-1', plan: 'pro', subscriptionStatus: 'active', country: 'NO', signupDate: 20260315, appVersion: '2.4.0', seats: 12 },
    });
  });
});

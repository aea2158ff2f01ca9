import { ZFlagStrategySchema, type FlagStrategy } from '@opsdesk/shared/flags/flags.schemas';
import { isEnabled } from '@opsdesk/shared/flags/evaluator';
import { describe, expect, it } from 'vitest';
import { formToStrategy, newStrategyForm, strategyFormProblems, strategyToForm } from './strategyForm';

const proAtTen: FlagStrategy = {
  name: 'flexibleRollout',
  parameters: { rollout: '10', stickiness: 'default', groupId: 'new-checkout' },
  constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }],
};

describe('strategy form ↔ strategy', () => {
  it('builds a gradual rollout to the Pro plan that the shared schema accepts and the evaluator applies', () => {
    const form = newStrategyForm('flexibleRollout', 'new-checkout');
    form.targeting.plans = ['pro'];
    const strategy = formToStrategy(form);
    expect(strategy).toEqual(proAtTen);
    expect(ZFlagStrategySchema.parse(strategy)).toEqual(proAtTen);
    const ruleset = { version: 2, features: [{ name: 'new-checkout', enabled: true, strategies: [strategy] }] };
    const free = Array.from({ length: 200 }, (_, i) => `user-${i}`).filter((userId) => isEnabled(ruleset, 'new-checkout', { userId, properties: { plan: 'free' } }));
    const pro = Array.from({ length: 200 }, (_, i) => `user-${i}`).filter((userId) => isEnabled(ruleset, 'new-checkout', { userId, properties: { plan: 'pro' } }));
    expect(free).toEqual([]);
    expect(pro.length).toBeGreaterThan(5);
    expect(pro.length).toBeLessThan(40);
  });

  it('opens targeting constraints in the targeting fields and everything else as raw rows', () => {
    const strategy: FlagStrategy = {
      name: 'default',
      constraints: [
        { contextName: 'plan', operator: 'IN', values: ['pro', 'team'] },
        { contextName: 'subscriptionStatus', operator: 'IN', values: ['active'] },
        { contextName: 'country', operator: 'IN', values: ['NO', 'SE'] },
        { contextName: 'signupDate', operator: 'NUM_GTE', value: '20260101' },
        { contextName: 'signupDate', operator: 'NUM_LTE', value: '20261130' },
        { contextName: 'plan', operator: 'IN', values: ['enterprise'], inverted: true },
        { contextName: 'appVersion', operator: 'SEMVER_GT', value: '2.0.0' },
        { contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@acme.test', '@beta.test'], caseInsensitive: true },
      ],
    };
    const form = strategyToForm(strategy, 'k');
    expect(form.targeting).toEqual({ plans: ['pro', 'team'], subscriptionStatuses: ['active'], countries: ['NO', 'SE'], signupFrom: '2026-01-01', signupTo: '2026-11-30' });
    expect(form.constraints).toEqual([
      { contextName: 'plan', operator: 'IN', values: 'enterprise', inverted: true, caseInsensitive: false },
      { contextName: 'appVersion', operator: 'SEMVER_GT', values: '2.0.0', inverted: false, caseInsensitive: false },
      { contextName: 'email', operator: 'STR_ENDS_WITH', values: '@acme.test\n@beta.test', inverted: false, caseInsensitive: true },
    ]);
    expect(formToStrategy(form)).toEqual(strategy);
  });

  it('keeps what the form does not edit: ids, titles, strategy variants, unknown strategies', () => {
    const custom: FlagStrategy = { id: 's-1', name: 'applicationHostname', title: 'Hosts', parameters: { hostNames: 'a,b' }, sortOrder: 3 };
    expect(formToStrategy(strategyToForm(custom, 'k'))).toEqual(custom);
    const withVariants: FlagStrategy = { ...proAtTen, id: 's-2', variants: [{ name: 'blue', weight: 1000 }] };
    const form = strategyToForm(withVariants, 'new-checkout');
    form.rollout = 50;
    expect(formToStrategy(form)).toEqual({ ...withVariants, parameters: { ...proAtTen.parameters, rollout: '50' } });
  });

  it('turns user and IP lists typed one per line into Unleash parameters', () => {
    const users = { ...newStrategyForm('userWithId', 'k'), userIds: 'u-1\n u-2 ,u-3\n\n' };
    expect(formToStrategy(users)).toEqual({ name: 'userWithId', parameters: { userIds: 'u-1,u-2,u-3' } });
    const ips = { ...newStrategyForm('remoteAddress', 'k'), ips: '10.0.0.0/8\n192.168.1.1' };
    expect(formToStrategy(ips)).toEqual({ name: 'remoteAddress', parameters: { IPs: '10.0.0.0/8,192.168.1.1' } });
  });

  it('drops case-insensitivity where Unleash ignores it and reads single-value operators from the first value', () => {
    const form = newStrategyForm('default', 'k');
    form.constraints = [{ contextName: 'seats', operator: 'NUM_GT', values: ' 10 ', inverted: false, caseInsensitive: true }];
    expect(formToStrategy(form).constraints).toEqual([{ contextName: 'seats', operator: 'NUM_GT', value: '10' }]);
  });
});

describe('strategyFormProblems', () => {
  it('names each problem the server would refuse', () => {
    const form = { ...newStrategyForm('flexibleRollout', 'k'), rollout: 101, groupId: ' ' };
    form.targeting.countries = ['Norway'];
    form.targeting.signupFrom = '2026-02-01';
    form.targeting.signupTo = '2026-01-01';
    form.constraints = [{ contextName: '', operator: 'IN', values: '', inverted: false, caseInsensitive: false }];
    expect(strategyFormProblems(form)).toEqual([
      'The rollout must be a whole number from 0 to 100.',
      'The group id must not be empty.',
      'Countries are two-letter codes, e.g. NO.',
      'The first signup day must not be after the last.',
      'Condition 1: choose a context field.',
      'Condition 1: enter at least one value.',
    ]);
    expect(strategyFormProblems(newStrategyForm('userWithId', 'k'))).toEqual(['List at least one user id.']);
    expect(strategyFormProblems(newStrategyForm('default', 'k'))).toEqual([]);
  });
});

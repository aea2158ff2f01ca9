import { describe, expect, it } from 'vitest';
import { strategyBucket } from './bucketing.js';
import { compileRuleset, evaluateAll, getVariant, isEnabled } from './evaluator.js';
import type { FlagConstraint, FlagRulesetInput, FlagStrategy } from './flags.schemas.js';

/** What the spec suite and the unleash-client agreement do not pin down: Opsdesk's own choices. */

const withStrategies = (...strategies: FlagStrategy[]): FlagRulesetInput => ({ features: [{ name: 'f', enabled: true, strategies }] });
const withConstraint = (constraint: FlagConstraint) => withStrategies({ name: 'default', constraints: [constraint] });

describe('evaluator', () => {
  it('an unknown operator parses and is false, inverted or not', () => {
    const constraint = { contextName: 'userId', operator: 'LIKE', values: ['u1'] };
    expect(isEnabled(withConstraint(constraint), 'f', { userId: 'u1' })).toBe(false);
    expect(isEnabled(withConstraint({ ...constraint, inverted: true }), 'f', { userId: 'u1' })).toBe(false);
  });

  it('evaluates REGEX with RE2: a catastrophic pattern answers at once, lookarounds are invalid (false)', () => {
    const hostile = withConstraint({ contextName: 'email', operator: 'REGEX', value: '^(a+)+$' });
    expect(isEnabled(hostile, 'f', { properties: { email: `${'a'.repeat(5_000)}!` } })).toBe(false);
    expect(isEnabled(hostile, 'f', { properties: { email: 'aaaa' } })).toBe(true);
    expect(isEnabled(withConstraint({ contextName: 'email', operator: 'REGEX', value: 'a(?=b)' }), 'f', { properties: { email: 'ab' } })).toBe(false);
  });

  it('reads only own context fields: `constructor` is not a prototype function', () => {
    const constraint = { contextName: 'constructor', operator: 'STR_CONTAINS', values: ['function'] };
    expect(isEnabled(withConstraint(constraint), 'f', { properties: {} })).toBe(false);
  });

  it('defaults flexibleRollout’s groupId to the feature name', () => {
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const ruleset = withStrategies({ name: 'flexibleRollout', parameters: { rollout: '30', stickiness: 'userId' } });
    for (const userId of users) expect(isEnabled(ruleset, 'f', { userId })).toBe(strategyBucket(userId, 'f') <= 30);
    expect(users.filter((userId) => isEnabled(ruleset, 'f', { userId })).length).toBeGreaterThan(30);
  });

  it('takes random stickiness from the injected source', () => {
    const ruleset = withStrategies({ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'random', groupId: 'g' } });
    const answers = new Set([0, 0.1, 0.3, 0.5, 0.7, 0.9].map((draw) => isEnabled(ruleset, 'f', {}, { random: () => draw })));
    expect(answers).toEqual(new Set([true, false]));
    expect(isEnabled(ruleset, 'f', {}, { random: () => 0.3 })).toBe(isEnabled(ruleset, 'f', {}, { random: () => 0.3 }));
  });

  it('uses the injected clock for DATE_* when the context has no currentTime', () => {
    const ruleset = withConstraint({ contextName: 'currentTime', operator: 'DATE_AFTER', value: '2026-12-01T09:00:00Z' });
    expect(isEnabled(ruleset, 'f', {}, { now: () => new Date('2026-12-01T08:59:59Z') })).toBe(false);
    expect(isEnabled(ruleset, 'f', {}, { now: () => new Date('2026-12-01T09:00:01Z') })).toBe(true);
  });

  it('skips disabled strategies, and a flag whose every strategy is disabled is off', () => {
    const off = withStrategies({ name: 'default', disabled: true });
    expect(isEnabled(off, 'f', {})).toBe(false);
    const mixed = withStrategies({ name: 'default', disabled: true }, { name: 'userWithId', parameters: { userIds: 'u1' } });
    expect(isEnabled(mixed, 'f', { userId: 'u1' })).toBe(true);
    expect(isEnabled(mixed, 'f', { userId: 'u2' })).toBe(false);
  });

  it('an unknown flag is the fallback; its variant is `disabled`', () => {
    const ruleset = withStrategies({ name: 'default' });
    expect(isEnabled(ruleset, 'nope', {})).toBe(false);
    expect(isEnabled(ruleset, 'nope', {}, { fallback: true })).toBe(true);
    expect(getVariant(ruleset, 'nope', {})).toEqual({ name: 'disabled', enabled: false, feature_enabled: false, featureEnabled: false });
  });

  it('an unknown strategy (custom, applicationHostname) is never active', () => {
    expect(isEnabled(withStrategies({ name: 'applicationHostname', parameters: { hostNames: 'anything' } }), 'f', {})).toBe(false);
  });

  it('evaluateAll answers every flag for one context', () => {
    const ruleset = compileRuleset({
      features: [
        { name: 'on', enabled: true, strategies: [], variants: [{ name: 'blue', weight: 1000, payload: { type: 'string', value: 'b' } }] },
        { name: 'off', enabled: false, strategies: [] },
      ],
    });
    expect(evaluateAll(ruleset, { userId: 'u1' })).toEqual([
      { name: 'on', enabled: true, variant: { name: 'blue', enabled: true, feature_enabled: true, featureEnabled: true, payload: { type: 'string', value: 'b' } } },
      { name: 'off', enabled: false, variant: { name: 'disabled', enabled: false, feature_enabled: false, featureEnabled: false } },
    ]);
  });

  it('accepts an uncompiled ruleset and compiles it once', () => {
    const ruleset = withStrategies({ name: 'userWithId', parameters: { userIds: 'a, b' } });
    expect(isEnabled(ruleset, 'f', { userId: 'b' })).toBe(true);
    expect(isEnabled(ruleset, 'f', { userId: 'c' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compileRuleset, isEnabled } from './evaluator.js';
import { FLAG_LIMITS, ZFlagContextSchema, ZFlagRulesetSchema } from './flags.schemas.js';

/** The ruleset schema takes what Unleash serves and refuses what would hurt. */

// A `GET /api/client/features` answer from Unleash 6/7, with the fields it adds beyond the spec's states.
const unleashResponse = {
  version: 2,
  features: [
    {
      name: 'checkout.new-flow',
      type: 'release',
      description: 'The new checkout',
      project: 'default',
      enabled: true,
      stale: false,
      impressionData: false,
      createdAt: '2026-10-01T10:00:00.000Z',
      strategies: [
        {
          id: '2a1c0b0e-52a8-4a2d-8a55-0d1b2b3c4d5e',
          name: 'flexibleRollout',
          title: 'Pro customers, 10 %',
          disabled: false,
          sortOrder: 0,
          constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'], inverted: false, caseInsensitive: false }],
          parameters: { rollout: 10, stickiness: 'userId', groupId: 'checkout.new-flow' },
          segments: [7],
          variants: [{ name: 'a', weight: 1000, weightType: 'variable', stickiness: 'userId', payload: { type: 'json', value: '{"x":1}' } }],
        },
      ],
      variants: [],
      dependencies: [{ feature: 'checkout.enabled', enabled: true }],
    },
    { name: 'checkout.enabled', type: 'kill-switch', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [] }] },
  ],
  segments: [{ id: 7, name: 'Europe', constraints: [{ contextName: 'country', operator: 'IN', values: ['NO', 'SE'] }] }],
  query: { inlineSegmentConstraints: false },
  meta: { revisionId: 42, etag: '"abc"', queryHash: 'x' },
};

describe('ZFlagRulesetSchema', () => {
  it('accepts an Unleash client-API answer, numbers in parameters kept as text', () => {
    const parsed = ZFlagRulesetSchema.parse(unleashResponse);
    expect(parsed.features[0]!.strategies[0]!.parameters).toEqual({ rollout: '10', stickiness: 'userId', groupId: 'checkout.new-flow' });
    const ruleset = compileRuleset(unleashResponse);
    const inEurope = Array.from({ length: 200 }, (_, i) => `user-${i}`).filter((userId) =>
      isEnabled(ruleset, 'checkout.new-flow', { userId, properties: { plan: 'pro', country: 'NO' } }),
    );
    expect(inEurope.length).toBeGreaterThan(5);
    expect(inEurope.length).toBeLessThan(50);
    expect(isEnabled(ruleset, 'checkout.new-flow', { userId: inEurope[0], properties: { plan: 'pro', country: 'DK' } })).toBe(false);
  });

  it.each([
    ['two features with one name', { features: [{ name: 'a', enabled: true }, { name: 'a', enabled: false }] }],
    ['an unknown field', { features: [{ name: 'a', enabled: true, rollout: 5 }] }],
    ['a control character in a name', { features: [{ name: 'a\u0000b', enabled: true }] }],
    ['a lone surrogate in a name', { features: [{ name: 'a\uD800', enabled: true }] }],
    ['an empty name', { features: [{ name: '', enabled: true }] }],
    ['a name longer than the cap', { features: [{ name: 'x'.repeat(FLAG_LIMITS.nameLength + 1), enabled: true }] }],
    ['too many features', { features: Array.from({ length: FLAG_LIMITS.features + 1 }, (_, i) => ({ name: `f${i}`, enabled: true })) }],
    ['too many constraint values', { features: [{ name: 'a', enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'x', operator: 'IN', values: Array(FLAG_LIMITS.valuesPerConstraint + 1).fill('v') }] }] }] }],
    ['a negative variant weight', { features: [{ name: 'a', enabled: true, variants: [{ name: 'v', weight: -1 }] }] }],
    ['a bidirectional override in a description', { features: [{ name: 'a', enabled: true, description: 'safe\u202Eevil' }] }],
    ['an object as a parameter', { features: [{ name: 'a', enabled: true, strategies: [{ name: 'default', parameters: { x: {} } }] }] }],
  ])('refuses %s', (_label, input) => {
    expect(ZFlagRulesetSchema.safeParse(input).success).toBe(false);
    expect(() => compileRuleset(input)).toThrow();
  });

  it('keeps names exactly as given (no trimming or Unicode normalisation: they are keys)', () => {
    const decomposed = 'cafe\u0301';
    const ruleset = compileRuleset({ features: [{ name: decomposed, enabled: true }] });
    expect(isEnabled(ruleset, decomposed)).toBe(true);
    expect(isEnabled(ruleset, 'caf\u00e9')).toBe(false);
  });
});

describe('ZFlagContextSchema', () => {
  it('takes Unleash’s context fields and refuses unknown ones and oversized values', () => {
    expect(ZFlagContextSchema.safeParse({ userId: 'u1', currentTime: '2026-12-01T00:00:00Z', properties: { plan: 'pro', seats: 3, beta: true, gone: null } }).success).toBe(true);
    expect(ZFlagContextSchema.safeParse({ userId: 'u1', tenant: 'x' }).success).toBe(false);
    expect(ZFlagContextSchema.safeParse({ userId: 'x'.repeat(FLAG_LIMITS.valueLength + 1) }).success).toBe(false);
    expect(ZFlagContextSchema.safeParse({ properties: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 'v'])) }).success).toBe(false);
  });
});

import type { FlagRulesetInput } from '@opsdesk/shared/flags/index';

/**
 * Rulesets in Unleash's client-API shape (docs/flags.md, "The model"): a rollout for Pro
 * users, a segment, a dependency, variants with string / number / JSON payloads, and a
 * kill switch, so a test covers every path the client and the provider take.
 */
export function exampleRuleset(overrides: { rollout?: number; killSwitch?: boolean } = {}): FlagRulesetInput {
  return {
    version: 2,
    features: [
      { name: 'checkout.enabled', enabled: true, strategies: [{ name: 'default' }] },
      {
        name: 'checkout.new-flow',
        enabled: true,
        strategies: [
          {
            name: 'flexibleRollout',
            parameters: { rollout: String(overrides.rollout ?? 50), stickiness: 'userId', groupId: 'checkout.new-flow' },
            constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }],
            segments: [7],
          },
        ],
        dependencies: [{ feature: 'checkout.enabled' }],
      },
      {
        name: 'banner.copy',
        enabled: true,
        strategies: [{ name: 'default' }],
        variants: [
          { name: 'calm', weight: 500, stickiness: 'userId', payload: { type: 'string', value: 'Welcome back' } },
          { name: 'loud', weight: 500, stickiness: 'userId', payload: { type: 'string', value: 'WELCOME BACK!' } },
        ],
      },
      {
        name: 'search.page-size',
        enabled: true,
        strategies: [{ name: 'default', variants: [{ name: 'large', weight: 1000, stickiness: 'default', payload: { type: 'number', value: '50' } }] }],
      },
      {
        name: 'editor.settings',
        enabled: true,
        strategies: [{ name: 'userWithId', parameters: { userIds: 'u-1,u-2' } }],
        variants: [{ name: 'compact', weight: 1000, payload: { type: 'json', value: '{"density":"compact","toolbar":["bold","link"]}' } }],
      },
      { name: 'variant.without-payload', enabled: true, strategies: [{ name: 'default' }], variants: [{ name: 'plain', weight: 1000 }] },
      { name: 'payments.kill-switch', enabled: overrides.killSwitch ?? true, strategies: [] },
    ],
    segments: [{ id: 7, name: 'Nordics', constraints: [{ contextName: 'country', operator: 'IN', values: ['NO', 'SE'] }] }],
  };
}

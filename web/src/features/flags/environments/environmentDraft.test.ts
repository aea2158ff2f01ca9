import { ZFlagSetEnvironmentRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import { describe, expect, it } from 'vitest';
import { draftFromRules, draftProblems, draftToRules, evenWeights, moveItem, newVariantForm, sameRules } from './environmentDraft';
import { newStrategyForm } from './strategyForm';

const saved = {
  enabled: true,
  strategies: [{ name: 'flexibleRollout', parameters: { rollout: '10', stickiness: 'default', groupId: 'k' } }, { name: 'default' }],
  variants: [{ name: 'blue', weight: 500, overrides: [{ contextName: 'userId', values: ['u-1'] }] }, { name: 'green', weight: 500, payload: { type: 'json', value: '{"a":1}' } }],
};

describe('environment drafts', () => {
  it('round-trips saved rules unchanged, overrides and payloads included', () => {
    const rules = draftToRules(draftFromRules(saved, 'k'));
    expect(rules).toEqual(saved);
    expect(sameRules(rules, saved)).toBe(true);
    expect(ZFlagSetEnvironmentRequestSchema.parse({ key: 'k', environment: 'production', ...rules }).variants).toEqual(saved.variants);
  });

  it('sees a reorder as a change and moving back as none', () => {
    const draft = draftFromRules(saved, 'k');
    const moved = { ...draft, strategies: moveItem(draft.strategies, 0, 1) };
    expect(draftToRules(moved).strategies.map((s) => s.name)).toEqual(['default', 'flexibleRollout']);
    expect(sameRules(draftToRules(moved), saved)).toBe(false);
    expect(sameRules(draftToRules({ ...moved, strategies: moveItem(moved.strategies, 1, -1) }), saved)).toBe(true);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('asks for weights adding up to 100 % and valid payloads, with strategy problems numbered', () => {
    const draft = draftFromRules(saved, 'k');
    draft.variants = [{ ...newVariantForm('a'), weight: 600 }, { ...newVariantForm('a'), weight: 300, payloadType: 'json', payloadValue: '{' }];
    draft.strategies = [newStrategyForm('userWithId', 'k')];
    expect(draftProblems(draft)).toEqual([
      'Strategy 1: List at least one user id.',
      'Two variants are named "a".',
      'Variant 2: the payload is not valid JSON.',
      'The weights add up to 90 %; they must add up to 100 %.',
    ]);
  });

  it('splits 100 % evenly in whole per-mille steps', () => {
    expect(evenWeights(3)).toEqual([334, 333, 333]);
    expect(evenWeights(2)).toEqual([500, 500]);
  });
});

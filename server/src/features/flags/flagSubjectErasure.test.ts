import { compileRuleset, isEnabled, type FlagStrategy } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { flagChangeWithoutSubject } from './flagChangeRequestErasure.js';
import { noRemoval, strategiesWithoutSubject, subjectMatcher, subjectMentioner } from './flagSubjectErasure.js';

/** The rewrite an erasure applies to targeting: exact list values only, emptied lists kept, and what an emptied list then matches. */
describe('removing a person from targeting', () => {
  const names = subjectMatcher(['u-1', 'Ann@Example.test', 'cus_A1']);

  it('removes list values equal to an identifier (trimmed, any case) and nothing else', () => {
    const tally = noRemoval();
    const strategies: FlagStrategy[] = [
      {
        name: 'default',
        constraints: [
          { contextName: 'email', operator: 'IN', values: [' ANN@example.test', 'bob@example.test'] },
          { contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@example.test'] },
          { contextName: 'email', operator: 'REGEX', value: 'ann@example.test' },
          { contextName: 'customer', operator: 'IN', values: ['cus_A1'] },
        ],
      },
      { name: 'userWithId', parameters: { userIds: 'u-1, u-2' }, variants: [{ name: 'a', weight: 1, overrides: [{ contextName: 'userId', values: ['u-1', 'u-3'] }] }] },
    ];
    expect(strategiesWithoutSubject(strategies, names, tally)).toEqual([
      {
        name: 'default',
        constraints: [
          { contextName: 'email', operator: 'IN', values: ['bob@example.test'] },
          { contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@example.test'] },
          { contextName: 'email', operator: 'REGEX', value: 'ann@example.test' },
          { contextName: 'customer', operator: 'IN', values: [] },
        ],
      },
      { name: 'userWithId', parameters: { userIds: 'u-2' }, variants: [{ name: 'a', weight: 1, overrides: [{ contextName: 'userId', values: ['u-3'] }] }] },
    ]);
    expect(tally).toEqual({ valuesRemoved: 4, listsEmptied: 1 });
  });

  it('leaves rules naming no one as they are', () => {
    const tally = noRemoval();
    const strategies: FlagStrategy[] = [{ name: 'flexibleRollout', parameters: { rollout: '10' }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }];
    expect(strategiesWithoutSubject(strategies, names, tally)).toEqual(strategies);
    expect(tally).toEqual(noRemoval());
  });

  it('an emptied IN list or user list matches no one, an emptied NOT_IN everyone it matched before', () => {
    const emptied = strategiesWithoutSubject(
      [
        { name: 'default', constraints: [{ contextName: 'userId', operator: 'IN', values: ['u-1'] }] },
        { name: 'userWithId', parameters: { userIds: 'u-1' } },
      ],
      names,
      noRemoval(),
    );
    const notIn = strategiesWithoutSubject([{ name: 'default', constraints: [{ contextName: 'userId', operator: 'NOT_IN', values: ['u-1'] }] }], names, noRemoval());
    const ruleset = compileRuleset({ features: [{ name: 'in', enabled: true, strategies: emptied }, { name: 'not-in', enabled: true, strategies: notIn }] });
    for (const userId of ['u-2', 'anyone', undefined]) {
      expect(isEnabled(ruleset, 'in', { userId })).toBe(false);
      expect(isEnabled(ruleset, 'not-in', { userId })).toBe(true);
    }
  });

  it('finds an identifier in free text only as a whole token, in any case', () => {
    const mentions = subjectMentioner(['u-1', 'Ann@Example.test', 'cus_A1']);
    for (const text of ['Let ANN@example.test in.', '{"userIds":"u-2,u-1"}', 'for cus_a1', '["ann@example.test"]']) expect(mentions(text), text).toBe(true);
    for (const text of ['joann@example.test', 'ann@example.test.org', 'u-10', 'cus_A12', 'nobody', '']) expect(mentions(text), text).toBe(false);
    expect(subjectMentioner([' ', ''])('anything')).toBe(false);
  });

  it('rewrites a stored change request: its rules everywhere, its impact sample, and texts naming them', () => {
    const rules = (values: string[]) => ({ enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'email', operator: 'IN', values }] }], variants: [] });
    const account = (userId: string, email: string) => ({ userId, email, name: 'Someone', plan: null, change: 'offToOn', before: 'off', after: 'on' });
    const tally = noRemoval();
    const rewritten = flagChangeWithoutSubject(
      {
        input: { key: 'k', environment: 'production', ...rules(['ann@example.test', 'bob@example.test']), expectedRevision: 3, reason: 'For Ann@Example.test' },
        preview: { key: 'k', before: rules(['ann@example.test']), after: rules(['ann@example.test', 'bob@example.test']), impact: { accounts: 2, offToOn: 2, sample: [account('u-1', 'ann@example.test'), account('u-2', 'bob@example.test')] } },
        result: null,
        reason: 'For Ann@Example.test',
        decisionComment: 'Not about anyone',
      },
      names,
      subjectMentioner(['u-1', 'Ann@Example.test']),
      tally,
    );
    expect(rewritten).toEqual({
      input: { key: 'k', environment: 'production', ...rules(['bob@example.test']), expectedRevision: 3, reason: '[erased]' },
      preview: { key: 'k', before: rules([]), after: rules(['bob@example.test']), impact: { accounts: 2, offToOn: 2, sample: [account('u-2', 'bob@example.test')] } },
      result: null,
      reason: '[erased]',
      decisionComment: 'Not about anyone',
    });
    // Three list values, one sample account, two texts.
    expect(tally).toEqual({ valuesRemoved: 6, listsEmptied: 1 });
  });
});

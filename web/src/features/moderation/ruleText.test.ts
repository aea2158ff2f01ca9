import { describe, expect, it } from 'vitest';
import { conditionsText, keywordsFromInput, precisionText } from './ruleText';

describe('rule words', () => {
  it('reads every kind of condition', () => {
    expect(
      conditionsText({
        keywords: ['free money', 'crypto'],
        reports: { windowHours: 24, minCount: 3, minDistinctReporters: 2 },
        author: { maxAccountAgeDays: 7, statuses: ['active'] },
        plans: { noneOf: ['pro'] },
        contentKinds: ['post'],
      }),
    ).toEqual(['Text contains any of “free money”, “crypto”', 'At least 3 reports within 24 h from at least 2 reporters', 'Author: account at most 7 days old, status active', 'Plan is not pro', 'Content kind is post']);
    expect(conditionsText({ regexes: ['buy\\s+now'] })).toEqual(['Text matches any of /buy\\s+now/']);
  });

  it('turns the keyword field into a clean list and reads precision', () => {
    expect(keywordsFromInput(' free money, ,crypto,free money ')).toEqual(['free money', 'crypto']);
    expect(keywordsFromInput(' , ')).toEqual([]);
    expect(precisionText(null)).toBe('no verdicts yet');
    expect(precisionText(0.834)).toBe('83 %');
  });
});

import { describe, expect, it } from 'vitest';
import { reasonLabeller } from './moderationText';
import { conditionsText, keywordsFromInput, precisionText } from './ruleText';

const reasonLabel = reasonLabeller([{ code: 'scam', label: 'Scam or fraud' }]);

describe('rule words', () => {
  it('reads every kind of condition', () => {
    expect(
      conditionsText({
        keywords: ['free money', 'crypto'],
        reports: { windowHours: 24, minCount: 3, minDistinctReporters: 2 },
        author: { maxAccountAgeDays: 7, statuses: ['active'] },
        plans: { noneOf: ['pro'] },
        contentKinds: ['post'],
      }, reasonLabel),
    ).toEqual(['Text contains any of “free money”, “crypto”', 'At least 3 reports within 24 h from at least 2 reporters', 'Author: account at most 7 days old, status active', 'Plan is not pro', 'Content kind is post']);
    expect(conditionsText({ regexes: ['buy\\s+now'] }, reasonLabel)).toEqual(['Text matches any of /buy\\s+now/']);
  });

  it("names the report reasons in words, the policy table's where it has them", () => {
    expect(conditionsText({ reports: { windowHours: 1, minCount: 2, reasonCodes: ['scam', 'ip_violation'] } }, reasonLabel)).toEqual(['At least 2 reports within 1 h for Scam or fraud, Ip violation']);
  });

  it('turns the keyword field into a clean list and reads precision', () => {
    expect(keywordsFromInput(' free money, ,crypto,free money ')).toEqual(['free money', 'crypto']);
    expect(keywordsFromInput(' , ')).toEqual([]);
    expect(precisionText(null)).toBe('no verdicts yet');
    expect(precisionText(0.834)).toBe('83 %');
  });
});

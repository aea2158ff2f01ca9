import { describe, expect, it } from 'vitest';
import { reasonLabeller } from './moderationText';
import { storedWordsLabel } from '../../app/productWords';
import { conditionsText, dryRunHitText, dryRunSummary, keywordsFromInput, hitsText, precisionText } from './ruleText';

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
    expect(precisionText(null)).toBe('no moderator verdict yet');
    expect(precisionText(0.834)).toBe('precision 83 %');
    expect(hitsText({ hits: 1, liveHits: 1, shadowHits: 0, wouldHaveActed: 1 })).toBe('1 hit (1 live, 0 shadow; 1 would have acted)');
    expect(hitsText({ hits: 1204, liveHits: 4, shadowHits: 1200, wouldHaveActed: 1200 })).toBe('1,204 hits (4 live, 1,200 shadow; 1,200 would have acted)');
  });
});

describe('a dry run in words', () => {
  const hit = { contentId: 'c_81f2', kind: 'comment', status: 'visible', because: ['keyword: zebra lottery', 'author: 2 days old'] };

  it('names an untitled item by its kind once, and a titled one by its title with the kind underneath', () => {
    expect(dryRunHitText({ ...hit, title: null }, '7 Dec 2026, 09:00', storedWordsLabel)).toEqual({
      primary: 'Comment c_81f2',
      secondary: 'keyword: zebra lottery; author: 2 days old · Visible · 7 Dec 2026, 09:00',
    });
    expect(dryRunHitText({ ...hit, kind: 'post', title: 'Win a zebra' }, '7 Dec 2026, 09:00', storedWordsLabel)).toEqual({
      primary: 'Win a zebra',
      secondary: 'keyword: zebra lottery; author: 2 days old · Post · Visible · 7 Dec 2026, 09:00',
    });
  });

  it('counts with separators and says when the scan stopped early', () => {
    expect(dryRunSummary({ days: 7, matched: 1204, scanned: 18_310, complete: true })).toBe('Dry run over the last 7 days: 1,204 of 18,310 items match.');
    expect(dryRunSummary({ days: 1, matched: 0, scanned: 1, complete: false })).toBe('Dry run over the last 1 day: 0 of 1 item match (scan cut short; more may match).');
  });
});

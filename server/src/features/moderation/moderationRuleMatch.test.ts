import { ZModerationRuleConditionsSchema, type TModerationRuleConditions } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { compileRule, MAX_TEXT, type RuleFacts } from './moderationRuleMatch.js';

/**
 * The pure matcher: every condition kind, all conditions must hold, whole-word keywords,
 * RE2 regexes (a pattern that backtracks exponentially in JavaScript's engine runs in
 * linear time here, and patterns RE2 cannot run are refused by the shared schema).
 */
const now = new Date('2026-12-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const facts = (overrides: Partial<RuleFacts> = {}): RuleFacts => ({
  kind: 'post',
  title: 'Hello',
  body: 'A perfectly ordinary post.',
  author: { status: 'active', createdAt: hoursAgo(24 * 400) },
  plans: ['pro'],
  reports: [],
  now,
  ...overrides,
});
const rule = (conditions: unknown) => compileRule(ZModerationRuleConditionsSchema.parse(conditions) as TModerationRuleConditions);

describe('moderation rule matcher', () => {
  it('matches keywords as whole words, case-insensitively, in the title or body', () => {
    const match = rule({ keywords: ['buy now', 'crypto'] });
    expect(match(facts({ body: 'Please BUY NOW, limited offer' }))).toEqual({ matched: true, because: ['keyword: buy now'] });
    expect(match(facts({ title: 'crypto!', body: '' })).matched).toBe(true);
    expect(match(facts({ body: 'cryptography is a science' })).matched).toBe(false);
    expect(match(facts({ body: 'buy nowhere' })).matched).toBe(false);
    // Keywords are literal text, not patterns.
    expect(rule({ keywords: ['a.b'] })(facts({ body: 'axb' })).matched).toBe(false);
    expect(rule({ keywords: ['a.b'] })(facts({ body: 'see a.b here' })).matched).toBe(true);
    // Only the first MAX_TEXT characters are looked at.
    expect(match(facts({ title: null, body: `${'x '.repeat(MAX_TEXT / 2)} crypto` })).matched).toBe(false);
  });

  it('matches RE2 regexes and runs a catastrophic pattern in linear time', () => {
    expect(rule({ regexes: ['free\\s+(money|cash)'] })(facts({ body: 'Get FREE   cash today' }))).toEqual({ matched: true, because: ['regex: free\\s+(money|cash)'] });
    // (a+)+$ on "aaaa…!" backtracks exponentially in a backtracking engine; RE2 answers at once.
    const evil = rule({ regexes: ['(a+)+$'] });
    expect(evil(facts({ title: null, body: `${'a'.repeat(19_000)}!` })).matched).toBe(false);
  });

  it('refuses patterns RE2 cannot run, empty rules and oversized lists', () => {
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: ['(a)\\1'] }).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: ['(?=x)y'] }).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: ['x'.repeat(301)] }).success).toBe(false);
    // Linear, but with a constant that grows with the program: big repetitions are refused, each and per rule.
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: ['[a-z]{1000}x'] }).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: ['[a-z]{150}x'] }).success).toBe(true);
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: Array.from({ length: 6 }, (_, i) => `[a-z]{150}${i}`) }).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({ regexes: Array.from({ length: 21 }, (_, i) => `p${i}`) }).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({ keywords: Array.from({ length: 201 }, (_, i) => `k${i}`) }).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({}).success).toBe(false);
    expect(ZModerationRuleConditionsSchema.safeParse({ keywords: ['ok'], extra: 1 }).success).toBe(false);
  });

  it('counts reports within the window, by reason, distinct reporters and their reliability', () => {
    const report = (h: number, reporter: string | null, reasonCode = 'spam', reliability = 0.5) => ({ reasonCode, reporterUserId: reporter, reliability, createdAt: hoursAgo(h) });
    const match = rule({ reports: { windowHours: 24, minCount: 3, reasonCodes: ['spam'], minDistinctReporters: 2, minReporterReliability: 0.6 } });
    const reliable = [report(1, 'a', 'spam', 0.9), report(2, 'b', 'spam', 0.7), report(3, 'a', 'spam', 0.8)];
    expect(match(facts({ reports: reliable })).matched).toBe(true);
    expect(match(facts({ reports: [...reliable.slice(0, 2), report(30, 'c', 'spam', 0.9)] })).matched).toBe(false);
    expect(match(facts({ reports: [...reliable.slice(0, 2), report(3, 'c', 'hate', 0.9)] })).matched).toBe(false);
    expect(match(facts({ reports: [report(1, 'a', 'spam', 0.9), report(2, 'a', 'spam', 0.9), report(3, 'a', 'spam', 0.9)] })).matched).toBe(false);
    expect(match(facts({ reports: [report(1, 'a'), report(2, 'b'), report(3, 'c')] })).matched).toBe(false);
  });

  it('checks the author account age and status, the plan and the content kind, and requires every condition', () => {
    const young = rule({ author: { maxAccountAgeDays: 7, statuses: ['active'] } });
    expect(young(facts({ author: { status: 'active', createdAt: hoursAgo(48) } })).matched).toBe(true);
    expect(young(facts())).toMatchObject({ matched: false });
    expect(young(facts({ author: { status: 'suspended', createdAt: hoursAgo(48) } })).matched).toBe(false);
    expect(young(facts({ author: null })).matched).toBe(false);

    expect(rule({ plans: { anyOf: ['none', 'free'] } })(facts({ plans: [] })).matched).toBe(true);
    expect(rule({ plans: { anyOf: ['free'] } })(facts()).matched).toBe(false);
    expect(rule({ plans: { noneOf: ['enterprise'] } })(facts({ plans: ['pro', 'enterprise'] })).matched).toBe(false);
    expect(rule({ contentKinds: ['image'] })(facts()).matched).toBe(false);

    const both = rule({ keywords: ['casino'], plans: { anyOf: ['none'] } });
    expect(both(facts({ body: 'casino bonus', plans: [] })).because).toEqual(['keyword: casino', 'plan: none']);
    expect(both(facts({ body: 'casino bonus' })).matched).toBe(false);
  });
});

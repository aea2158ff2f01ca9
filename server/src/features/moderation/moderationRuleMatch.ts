import { RE2JS } from 're2js';
import type { TModerationRuleConditions } from '@opsdesk/shared';

/**
 * The pure rule matcher: conditions compiled once, then tested against one item's facts.
 * All conditions must hold. Regexes run on RE2 (linear in the text, no backtracking;
 * their size is capped by the shared schema) and keywords need no regex at all, so no
 * rule can hang the job; text beyond MAX_TEXT characters is not looked at.
 */

export interface RuleReportFact {
  reasonCode: string;
  reporterUserId: string | null;
  /** The reporter's upheld share (0–1) at matching time; 0.5 without history. */
  reliability: number;
  createdAt: Date;
}

export interface RuleFacts {
  kind: string;
  title: string | null;
  body: string;
  author: { status: string; createdAt: Date } | null;
  /** Plans of the author's workspaces and the content's workspace; empty when none. */
  plans: readonly string[];
  /** The item's reports within the longest window any rule uses. */
  reports: readonly RuleReportFact[];
  now: Date;
}

export interface RuleMatch {
  matched: boolean;
  /** What held, for the hit's record and the dry run ("keyword: buy now", "reports: 5 in 24 h"). */
  because: string[];
}

export type CompiledRule = (facts: RuleFacts) => RuleMatch;

/** Only this much of the title and body is matched: RE2 is linear, but its constant grows with the pattern. */
export const MAX_TEXT = 20_000;
const DAY_MS = 86_400_000;
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * Whole-word search without a regex: native indexOf per keyword on the lower-cased text,
 * then a look at the characters either side. Cost is text × keywords at worst, with no
 * pattern compiled from user input.
 */
function findKeyword(lowerText: string, keywords: readonly string[]): string | null {
  for (const keyword of keywords) {
    for (let at = lowerText.indexOf(keyword); at !== -1; at = lowerText.indexOf(keyword, at + 1)) {
      const before = at === 0 ? '' : lowerText[at - 1]!;
      const after = lowerText[at + keyword.length] ?? '';
      if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return keyword;
    }
  }
  return null;
}

export function compileRule(conditions: TModerationRuleConditions): CompiledRule {
  const checks: Array<(facts: RuleFacts, text: string, lowerText: string) => string | null> = [];

  if (conditions.keywords) {
    const keywords = conditions.keywords.map((keyword) => keyword.toLowerCase());
    checks.push((_, text, lowerText) => {
      const found = findKeyword(lowerText, keywords);
      return found === null ? null : `keyword: ${found}`;
    });
  }
  if (conditions.regexes) {
    const patterns = conditions.regexes.map((source) => ({ source, pattern: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE) }));
    checks.push((_, text) => {
      const hit = patterns.find(({ pattern }) => pattern.matcher(text).find());
      return hit ? `regex: ${hit.source}` : null;
    });
  }
  if (conditions.reports) {
    const r = conditions.reports;
    const reasons = r.reasonCodes ? new Set(r.reasonCodes) : null;
    checks.push((facts) => {
      const since = facts.now.getTime() - r.windowHours * 3_600_000;
      const inWindow = facts.reports.filter((report) => report.createdAt.getTime() >= since && (!reasons || reasons.has(report.reasonCode)));
      if (inWindow.length < r.minCount) return null;
      const reporters = new Set(inWindow.map((report) => report.reporterUserId).filter((id) => id !== null));
      if (r.minDistinctReporters !== undefined && reporters.size < r.minDistinctReporters) return null;
      const reliability = inWindow.reduce((sum, report) => sum + report.reliability, 0) / inWindow.length;
      if (r.minReporterReliability !== undefined && reliability < r.minReporterReliability) return null;
      return `reports: ${inWindow.length} from ${reporters.size} reporter(s) in ${r.windowHours} h, reliability ${reliability.toFixed(2)}`;
    });
  }
  if (conditions.author) {
    const a = conditions.author;
    checks.push((facts) => {
      if (!facts.author) return null;
      const ageDays = (facts.now.getTime() - facts.author.createdAt.getTime()) / DAY_MS;
      if (a.maxAccountAgeDays !== undefined && ageDays > a.maxAccountAgeDays) return null;
      if (a.minAccountAgeDays !== undefined && ageDays < a.minAccountAgeDays) return null;
      if (a.statuses && !a.statuses.includes(facts.author.status as (typeof a.statuses)[number])) return null;
      return `author: ${facts.author.status}, ${Math.floor(ageDays)} day(s) old`;
    });
  }
  if (conditions.plans) {
    const anyOf = conditions.plans.anyOf;
    const noneOf = conditions.plans.noneOf;
    checks.push((facts) => {
      const plans = facts.plans.length > 0 ? facts.plans : ['none'];
      if (anyOf && !plans.some((plan) => anyOf.includes(plan))) return null;
      if (noneOf && plans.some((plan) => noneOf.includes(plan))) return null;
      return `plan: ${plans.join(', ')}`;
    });
  }
  if (conditions.contentKinds) {
    const kinds = new Set(conditions.contentKinds);
    checks.push((facts) => (kinds.has(facts.kind) ? `kind: ${facts.kind}` : null));
  }

  return (facts) => {
    const text = `${facts.title ?? ''}\n${facts.body}`.slice(0, MAX_TEXT);
    const lowerText = text.toLowerCase();
    const because: string[] = [];
    for (const check of checks) {
      const reason = check(facts, text, lowerText);
      if (reason === null) return { matched: false, because: [] };
      because.push(reason);
    }
    return { matched: true, because };
  };
}

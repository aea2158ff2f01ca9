import type { TModerationRuleAction, TModerationRuleConditions, TModerationRuleMode } from '@opsdesk/shared';
import { isPlainObject } from '../../app/isPlainObject';

/** A rule's conditions and action in words, for the rules page (all conditions must hold). */
export const RULE_ACTION_LABELS: Record<TModerationRuleAction, string> = {
  label: 'Label the content',
  hide_pending_review: 'Hide pending review',
  raise_priority: 'Raise its queue priority',
  open_queue_entry: 'Open a queue entry',
};

/** A rule's mode as its card's chip and its audit entry say it. */
export const RULE_MODE_LABELS: Record<TModerationRuleMode, string> = { live: 'Live', shadow: 'Shadow (log only)' };

const list = (values: readonly string[]) => values.map((v) => `“${v}”`).join(', ');

/** `reasonLabel` puts report reason codes in words (moderationText.reasonLabeller). */
export function conditionsText(c: TModerationRuleConditions, reasonLabel: (code: string) => string): string[] {
  const lines: string[] = [];
  if (c.keywords) lines.push(`Text contains any of ${list(c.keywords)}`);
  if (c.regexes) lines.push(`Text matches any of ${c.regexes.map((r) => `/${r}/`).join(', ')}`);
  if (c.reports) {
    const r = c.reports;
    const extra = [r.reasonCodes && `for ${r.reasonCodes.map(reasonLabel).join(', ')}`, r.minDistinctReporters && `from at least ${r.minDistinctReporters} reporters`, r.minReporterReliability !== undefined && `reporter reliability at least ${Math.round(r.minReporterReliability * 100)} %`].filter(Boolean);
    lines.push(`At least ${r.minCount} report${r.minCount === 1 ? '' : 's'} within ${r.windowHours} h${extra.length ? ` ${extra.join(', ')}` : ''}`);
  }
  if (c.author) {
    const a = c.author;
    const parts = [a.maxAccountAgeDays !== undefined && `account at most ${a.maxAccountAgeDays} days old`, a.minAccountAgeDays !== undefined && `account at least ${a.minAccountAgeDays} days old`, a.statuses && `status ${a.statuses.join(' or ')}`].filter(Boolean);
    lines.push(`Author: ${parts.join(', ')}`);
  }
  if (c.plans?.anyOf) lines.push(`Plan is ${c.plans.anyOf.join(' or ')}`);
  if (c.plans?.noneOf) lines.push(`Plan is not ${c.plans.noneOf.join(' or ')}`);
  if (c.contentKinds) lines.push(`Content kind is ${c.contentKinds.join(' or ')}`);
  return lines;
}

/**
 * A rule's audited snapshot as the rules page words it: conditions a line each, the
 * action and the mode by name (the audit log showed the conditions' JSON). Report reasons
 * stay codes here: the audit page does not load the reason list.
 */
export function ruleSnapshotInWords(snapshot: Record<string, unknown>): Record<string, unknown> {
  const words: Record<string, unknown> = { ...snapshot };
  if (isPlainObject(snapshot.conditions)) words.conditions = conditionsText(snapshot.conditions as TModerationRuleConditions, (code) => code).join('\n');
  const action = RULE_ACTION_LABELS[snapshot.action as TModerationRuleAction];
  if (action) words.action = action;
  const mode = RULE_MODE_LABELS[snapshot.mode as TModerationRuleMode];
  if (mode) words.mode = mode;
  return words;
}

/** "Comma, separated , words" → the keyword list the server accepts (no blanks, no repeats). */
export function keywordsFromInput(input: string): string[] {
  return [...new Set(input.split(',').map((word) => word.trim()).filter((word) => word.length > 0))];
}

/** A rule's precision as its figures' last part: "precision 83 %", or that no moderator has judged a hit yet. */
export function precisionText(precision: number | null): string {
  return precision === null ? 'no moderator verdict yet' : `precision ${Math.round(precision * 100)} %`;
}

/** A count with thousands separators, as the rules page's figures and dry runs write them: "1,204". */
const count = (n: number) => n.toLocaleString('en-US');

/** "1 hit (1 live, 0 shadow; 1 would have acted)": a rule's hits, counted in words. */
export function hitsText(stats: { hits: number; liveHits: number; shadowHits: number; wouldHaveActed: number }): string {
  return `${count(stats.hits)} ${stats.hits === 1 ? 'hit' : 'hits'} (${count(stats.liveHits)} live, ${count(stats.shadowHits)} shadow; ${count(stats.wouldHaveActed)} would have acted)`;
}

/** One item a dry run found, as its line reads (the item's own fields, as the server sends them). */
export interface DryRunHitFields {
  contentId: string;
  title: string | null;
  kind: string;
  status: string;
  because: string[];
}

/**
 * A dry run's item: its title, or for an untitled comment its kind and id; under it why it
 * matched, what it is (when the title did not already say) and its state.
 * `words` puts the product's stored words in a person's (productWords.storedWordsLabel).
 */
export function dryRunHitText(hit: DryRunHitFields, when: string, words: (stored: string) => string): { primary: string; secondary: string } {
  return {
    primary: hit.title || `${words(hit.kind)} ${hit.contentId}`,
    secondary: [hit.because.join('; '), ...(hit.title ? [words(hit.kind)] : []), words(hit.status), when].join(' · '),
  };
}

/** "Dry run over the last 7 days: 1,204 of 18,310 items match." */
export function dryRunSummary({ days, matched, scanned, complete }: { days: number; matched: number; scanned: number; complete: boolean }): string {
  return `Dry run over the last ${count(days)} day${days === 1 ? '' : 's'}: ${count(matched)} of ${count(scanned)} item${scanned === 1 ? '' : 's'} match${complete ? '' : ' (scan cut short; more may match)'}.`;
}

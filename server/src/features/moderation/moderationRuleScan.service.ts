import { sql } from 'kysely';
import { ZModerationRuleConditionsSchema } from '@opsdesk/shared';
import type { Db, Trx } from '../../db/database.js';
import { appendEvent, type NewModerationEvent } from './moderationEvents.queries.js';
import { findContentCreatedBetween, hasContentTables, findReportsCreatedBetween, loadContentFacts, positionAt, type ContentFacts, type ScanPosition } from './moderationRuleFacts.queries.js';
import { ensureLiveEntry, hideVisibleContent, raiseEntrySeverity } from './moderationRuleEffects.queries.js';
import { compileRule, type CompiledRule } from './moderationRuleMatch.js';
import { advanceRuleCursor, findRules, insertRuleHit, lockRuleCursor, recordHitEffect, type RuleCursorSource, type RuleRow } from './moderationRules.queries.js';

/**
 * The rule job's work (docs/moderation.md, "Auto-moderation rules"): new content and
 * content with new reports since each source's cursor are matched against every enabled
 * rule. A hit is recorded once per rule and subject and logged as a `rule_hit` event
 * flagged automated for the DSA record; a live rule also acts in the same transaction, a
 * shadow rule's event says what it would have done (the console shows it muted, so it
 * does not sway the moderators whose decisions measure its precision). Each batch
 * commits with its cursor, so a run cut short resumes where it stopped, and a re-scanned
 * item is never acted on (or logged) twice.
 */

/** Rows committed late (a long product transaction) still get scanned if they are at most this far behind the cursor. */
export const LATE_COMMIT_OVERLAP_MS = 120_000;
const DEFAULT_BATCH = 500;

export interface CompiledRuleSet {
  rule: RuleRow;
  match: CompiledRule;
}

/**
 * The enabled rules, compiled. Conditions are parsed again with today's schema: a stored
 * rule that a tightened schema no longer accepts is skipped (and named), rather than
 * failing every run for every other rule.
 */
export async function loadLiveRuleSet(db: Db | Trx, onSkipped?: (rule: RuleRow, why: string) => void): Promise<CompiledRuleSet[]> {
  const rules = await findRules(db, { enabledOnly: true });
  return rules.flatMap((rule) => {
    const parsed = ZModerationRuleConditionsSchema.safeParse(rule.conditions);
    if (!parsed.success) {
      onSkipped?.(rule, parsed.error.issues[0]?.message ?? 'invalid conditions');
      return [];
    }
    return [{ rule, match: compileRule(parsed.data) }];
  });
}

export interface ScanCounts {
  scanned: number;
  hits: number;
  acted: number;
}

/** Matches the items against the rules and records (and, live, applies) each new hit. */
export async function applyRules(trx: Trx, rules: CompiledRuleSet[], items: ContentFacts[], trigger: 'content' | 'report'): Promise<ScanCounts> {
  const counts: ScanCounts = { scanned: items.length, hits: 0, acted: 0 };
  for (const item of items) {
    for (const { rule, match } of rules) {
      const result = match(item);
      if (!result.matched) continue;
      const hitId = await insertRuleHit(trx, { rule, contentId: item.contentId, trigger, because: result.because });
      if (!hitId) continue;
      counts.hits += 1;
      const effect = rule.mode === 'live' ? await actOnHit(trx, rule, item) : null;
      if (effect) await recordHitEffect(trx, hitId, effect);
      await appendEvent(trx, ruleHitEvent(rule, item.contentId, trigger, result.because, effect));
      if (effect) counts.acted += 1;
    }
  }
  return counts;
}

/**
 * The hit in the subject's log. Detection is automated either way; a live hit is also a
 * fully automated decision, while a shadow hit decides nothing (`automatedDecision: null`,
 * `acted: false`) and only names the action it would have taken.
 */
export function ruleHitEvent(rule: RuleRow, contentId: string, trigger: 'content' | 'report', because: string[], effect: Record<string, unknown> | null): NewModerationEvent {
  const live = effect !== null;
  return {
    subjectType: 'content',
    subjectId: contentId,
    kind: 'rule_hit',
    queueEntryId: typeof effect?.queueEntryId === 'string' ? effect.queueEntryId : null,
    actor: { id: null, label: `rule: ${rule.name}` },
    automated: true,
    data: {
      ruleId: rule.id,
      ruleName: rule.name,
      revision: rule.revision,
      mode: rule.mode,
      action: rule.action,
      acted: live,
      trigger,
      because,
      effect,
      automatedDetection: 'Yes',
      automatedDecision: live ? 'AUTOMATED_DECISION_FULLY' : null,
    },
  };
}

async function actOnHit(trx: Trx, rule: RuleRow, item: ContentFacts): Promise<Record<string, unknown>> {
  const subject = { contentId: item.contentId, authorUserId: item.authorUserId };
  switch (rule.action) {
    case 'label':
      return { label: rule.reasonCode };
    case 'hide_pending_review': {
      const before = await hideVisibleContent(trx, item.contentId);
      const entry = await ensureLiveEntry(trx, subject, rule.reasonCode);
      return { contentStatusBefore: before ?? null, contentStatusAfter: before === 'removed' ? 'removed' : 'hidden', queueEntryId: entry.id, entryOpened: entry.opened };
    }
    case 'raise_priority': {
      const entry = await ensureLiveEntry(trx, subject, rule.reasonCode);
      const raised = await raiseEntrySeverity(trx, entry.id);
      return { queueEntryId: entry.id, entryOpened: entry.opened, ...raised };
    }
    case 'open_queue_entry': {
      const entry = await ensureLiveEntry(trx, subject, rule.reasonCode);
      return { queueEntryId: entry.id, entryOpened: entry.opened };
    }
  }
}

/** Any fixed number: one scan at a time per database, whatever the job engine does. */
const SCAN_LOCK = 0x6d6f6452;

/** Scans one source from its cursor to the run's start, batch by batch (each batch its own transaction). */
export async function scanSource(db: Db, source: RuleCursorSource, options: { batch?: number; signal?: AbortSignal; rules?: CompiledRuleSet[] } = {}): Promise<ScanCounts> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const rules = options.rules ?? (await loadLiveRuleSet(db));
  const total: ScanCounts = { scanned: 0, hits: 0, acted: 0 };
  let position: ScanPosition | null = null;
  let until: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${SCAN_LOCK})`.execute(trx);
      const cursor = await lockRuleCursor(trx, source, LATE_COMMIT_OVERLAP_MS / 1000);
      until ??= cursor.databaseNow;
      position ??= positionAt(cursor.scanFrom);
      const rows = source === 'content' ? await findContentCreatedBetween(trx, position, until, batch) : await findReportsCreatedBetween(trx, position, until, batch);
      if (rules.length > 0 && rows.length > 0) {
        const contentIds = [...new Set(rows.map((row) => ('contentId' in row ? (row.contentId as string) : row.id)))];
        const counts = await applyRules(trx, rules, await loadContentFacts(trx, contentIds), source === 'content' ? 'content' : 'report');
        total.scanned += counts.scanned;
        total.hits += counts.hits;
        total.acted += counts.acted;
      }
      const last = rows.at(-1);
      const finished = rows.length < batch;
      await advanceRuleCursor(trx, source, finished || !last ? until : last.createdAt);
      if (last) position = { createdAt: last.createdAt, id: last.id };
      return finished;
    });
    if (done) return total;
  }
}

/** One run of the job: content with new reports, then new content. */
export async function runModerationRules(db: Db, options: { batch?: number; signal?: AbortSignal; onSkipped?: (rule: RuleRow, why: string) => void } = {}): Promise<{ content: ScanCounts; reports: ScanCounts }> {
  if (!(await hasContentTables(db))) return { content: { scanned: 0, hits: 0, acted: 0 }, reports: { scanned: 0, hits: 0, acted: 0 } };
  const rules = await loadLiveRuleSet(db, options.onSkipped);
  // Reports first: an old item that new reports push over a threshold is recorded as a report hit.
  const reports = await scanSource(db, 'reports', { ...options, rules });
  const content = await scanSource(db, 'content', { ...options, rules });
  return { content, reports };
}

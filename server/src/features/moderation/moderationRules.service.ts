import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import {
  ZModerationRuleConditionsSchema,
  ZModerationRuleCreateRequestSchema,
  ZModerationRuleDryRunRequestSchema,
  ZModerationRuleHitsRequestSchema,
  ZModerationRuleUpdateRequestSchema,
  type TModerationRuleMode,
} from '@opsdesk/shared';
import type { z } from 'zod';
import type { DbOrTrx, Trx } from '../../db/database.js';
import { findContentCreatedBetween, hasContentTables, loadContentFacts, positionAt, type ScanPosition } from './moderationRuleFacts.queries.js';
import { compileRule } from './moderationRuleMatch.js';
import { findRule, findRuleHits, findRules, findRuleStats, insertRule, lockRule, saveRule, type RuleRow, type RuleStats } from './moderationRules.queries.js';

/**
 * Rules as the console sees them (with hits, shadow "would have acted" counts and
 * precision), their changes (each bumps the revision; an edit made against an old
 * revision is a 409) and the dry run over recent content.
 */

/** More rules than this makes every new item cost too many matches; merge keyword lists instead. */
const MAX_RULES = 200;
/** The dry run looks at no more items than this (it says so when it stops early). */
export const DRY_RUN_MAX_SCANNED = 50_000;
const DRY_RUN_BATCH = 1_000;

export function ruleView(rule: RuleRow, stats: RuleStats | undefined) {
  const s = stats ?? { hits: 0, shadowHits: 0, liveHits: 0, agreed: 0, disagreed: 0 };
  const judged = s.agreed + s.disagreed;
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    conditions: rule.conditions,
    action: rule.action,
    reasonCode: rule.reasonCode,
    mode: rule.mode,
    enabled: rule.enabled,
    revision: rule.revision,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
    stats: { ...s, wouldHaveActed: s.shadowHits, precision: judged === 0 ? null : s.agreed / judged },
  };
}
export type TModerationRuleView = ReturnType<typeof ruleView>;

export async function listRuleViews(db: DbOrTrx, includeDisabled: boolean) {
  const rules = await findRules(db, { enabledOnly: !includeDisabled });
  const stats = await findRuleStats(db, rules.map((rule) => rule.id));
  return { rules: rules.map((rule) => ruleView(rule, stats.get(rule.id))) };
}

export async function getRuleView(db: DbOrTrx, id: string) {
  const rule = await findRule(db, id);
  if (!rule) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such rule.' });
  return ruleView(rule, (await findRuleStats(db, [id])).get(id));
}

async function assertReasonCode(db: DbOrTrx, code: string) {
  const { rows } = await sql<{ code: string }>`select code from ops.moderation_reason_codes where code = ${code} and active`.execute(db);
  if (!rows[0]) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${code}" is not an active reason code of the policy table.` });
}

async function assertNameFree(db: DbOrTrx, name: string, exceptId?: string) {
  const { rows } = await sql<{ id: string }>`select id::text from ops.moderation_rules where lower(name) = lower(${name}) ${exceptId ? sql`and id <> ${exceptId}` : sql``}`.execute(db);
  if (rows[0]) throw new TRPCError({ code: 'CONFLICT', message: `A rule named "${name}" already exists.` });
}

export async function createRule(trx: Trx, staffId: string, input: z.output<typeof ZModerationRuleCreateRequestSchema>) {
  // Serialises concurrent creations so the cap and the name check hold.
  await sql`lock table ops.moderation_rules in share row exclusive mode`.execute(trx);
  await assertReasonCode(trx, input.reasonCode);
  await assertNameFree(trx, input.name);
  const { rows } = await sql<{ n: string }>`select count(*) as n from ops.moderation_rules`.execute(trx);
  if (Number(rows[0]!.n) >= MAX_RULES) throw new TRPCError({ code: 'BAD_REQUEST', message: `There are already ${MAX_RULES} rules; disable or merge some first.` });
  const rule = await insertRule(trx, { name: input.name, description: input.description ?? '', conditions: input.conditions, action: input.action, reasonCode: input.reasonCode, mode: input.mode, enabled: input.enabled }, staffId);
  return ruleView(rule, undefined);
}

async function lockAtRevision(trx: Trx, id: string, revision?: number): Promise<RuleRow> {
  const rule = await lockRule(trx, id);
  if (!rule) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such rule.' });
  if (revision !== undefined && rule.revision !== revision) {
    throw new TRPCError({ code: 'CONFLICT', message: `The rule changed since you opened it (revision ${rule.revision}, you edited ${revision}); reload and edit again.` });
  }
  return rule;
}

export async function updateRule(trx: Trx, staffId: string, input: z.output<typeof ZModerationRuleUpdateRequestSchema>) {
  const before = await lockAtRevision(trx, input.id, input.revision);
  if (input.reasonCode !== undefined) await assertReasonCode(trx, input.reasonCode);
  if (input.name !== undefined) await assertNameFree(trx, input.name, input.id);
  const after = await saveRule(trx, input.id, {
    name: input.name ?? before.name,
    description: input.description ?? before.description,
    conditions: input.conditions ?? before.conditions,
    action: input.action ?? before.action,
    reasonCode: input.reasonCode ?? before.reasonCode,
    mode: before.mode,
    enabled: input.enabled ?? before.enabled,
  }, staffId);
  return { before: ruleView(before, undefined), after: ruleView(after, undefined) };
}

/** Shadow ↔ live is its own audited step: the one change that lets a rule touch the product. */
export async function setRuleMode(trx: Trx, staffId: string, id: string, mode: TModerationRuleMode) {
  const before = await lockAtRevision(trx, id);
  const after = before.mode === mode ? before : await saveRule(trx, id, { ...before, mode }, staffId);
  return { before: ruleView(before, undefined), after: ruleView(after, undefined) };
}

/**
 * Matches conditions (a saved rule's or the form's) against content created in the last
 * `days` days, with the facts as they are now, and lists the hits (up to `limit`; `matched`
 * counts them all). Reads only: nothing is recorded or changed.
 */
export async function dryRunRule(db: DbOrTrx, input: z.output<typeof ZModerationRuleDryRunRequestSchema>, signal?: AbortSignal) {
  const stored = input.conditions ?? (await findRule(db, input.id!))?.conditions;
  if (!stored) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such rule.' });
  // A stored rule is parsed again: one saved before a schema tightened is refused, not run.
  const parsed = ZModerationRuleConditionsSchema.safeParse(stored);
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: `The rule's conditions are no longer valid (${parsed.error.issues[0]?.message}); edit them first.` });
  const match = compileRule(parsed.data);
  if (!(await hasContentTables(db))) return { days: input.days, from: null, to: null, scanned: 0, matched: 0, complete: true, hits: [] };
  const { rows } = await sql<{ since: string; now: string; sinceAt: Date; nowAt: Date }>`
    select (now() - make_interval(days => ${input.days}))::text as since, now()::text as now, now() - make_interval(days => ${input.days}) as since_at, now() as now_at`.execute(db);
  const { since, now, sinceAt, nowAt } = rows[0]!;
  const hits: { contentId: string; title: string | null; kind: string; status: string; createdAt: string; because: string[] }[] = [];
  let matched = 0;
  let scanned = 0;
  let position: ScanPosition = positionAt(since);
  for (;;) {
    signal?.throwIfAborted();
    const batch = await findContentCreatedBetween(db, position, now, Math.min(DRY_RUN_BATCH, DRY_RUN_MAX_SCANNED - scanned));
    for (const item of await loadContentFacts(db, batch.map((row) => row.id))) {
      const result = match(item);
      if (!result.matched) continue;
      matched += 1;
      if (hits.length < input.limit) hits.push({ contentId: item.contentId, title: item.title, kind: item.kind, status: item.contentStatus, createdAt: item.contentCreatedAt.toISOString(), because: result.because });
    }
    scanned += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < DRY_RUN_BATCH || scanned >= DRY_RUN_MAX_SCANNED) {
      const complete = !last || batch.length < DRY_RUN_BATCH;
      return { days: input.days, from: sinceAt.toISOString() as string | null, to: nowAt.toISOString() as string | null, scanned, matched, complete, hits };
    }
    position = { createdAt: last.createdAt, id: last.id };
  }
}

export async function ruleHitsPage(db: DbOrTrx, input: z.output<typeof ZModerationRuleHitsRequestSchema>) {
  if (!(await findRule(db, input.id))) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such rule.' });
  if (input.cursor !== undefined && !/^[1-9][0-9]{0,17}$/.test(input.cursor)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
  const rows = await findRuleHits(db, input.id, { mode: input.mode, beforeId: input.cursor, limit: input.limit + 1, withContent: await hasContentTables(db) });
  const page = rows.slice(0, input.limit);
  return {
    hits: page.map((hit) => ({
      id: hit.id,
      ruleRevision: hit.ruleRevision,
      contentId: hit.contentId,
      contentTitle: hit.contentTitle,
      contentStatus: hit.contentStatus,
      trigger: hit.trigger,
      mode: hit.mode,
      action: hit.action,
      acted: hit.acted,
      because: hit.effect.because ?? [],
      effect: hit.effect,
      verdict: hit.verdict,
      decisionId: hit.decisionId,
      judgedAt: hit.judgedAt?.toISOString() ?? null,
      createdAt: hit.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}

import { sql } from 'kysely';
import type { TModerationRuleAction, TModerationRuleConditions, TModerationRuleMode, TModerationRuleVerdict } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../db/database.js';

/** Rules, their hits and the rule job's cursors (migration 0027). Every function takes `db` or `trx` first. */

export interface RuleRow {
  id: string;
  name: string;
  description: string;
  conditions: TModerationRuleConditions;
  action: TModerationRuleAction;
  reasonCode: string;
  mode: TModerationRuleMode;
  enabled: boolean;
  revision: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleStats {
  hits: number;
  shadowHits: number;
  liveHits: number;
  agreed: number;
  disagreed: number;
}

const RULE_COLUMNS = sql`id::text, name, description, conditions, action, reason_code, mode, enabled, revision, created_by, updated_by, created_at, updated_at`;

export interface NewRule {
  name: string;
  description: string;
  conditions: TModerationRuleConditions;
  action: TModerationRuleAction;
  reasonCode: string;
  mode: TModerationRuleMode;
  enabled: boolean;
}

export async function insertRule(trx: Trx, rule: NewRule, staffId: string): Promise<RuleRow> {
  const { rows } = await sql<RuleRow>`
    insert into ops.moderation_rules (name, description, conditions, action, reason_code, mode, enabled, created_by, updated_by)
    values (${rule.name}, ${rule.description}, ${JSON.stringify(rule.conditions)}::jsonb, ${rule.action}, ${rule.reasonCode}, ${rule.mode}, ${rule.enabled}, ${staffId}, ${staffId})
    returning ${RULE_COLUMNS}`.execute(trx);
  return rows[0]!;
}

export async function findRule(db: DbOrTrx, id: string): Promise<RuleRow | undefined> {
  const { rows } = await sql<RuleRow>`select ${RULE_COLUMNS} from ops.moderation_rules where id = ${id}`.execute(db);
  return rows[0];
}

export async function lockRule(trx: Trx, id: string): Promise<RuleRow | undefined> {
  const { rows } = await sql<RuleRow>`select ${RULE_COLUMNS} from ops.moderation_rules where id = ${id} for update`.execute(trx);
  return rows[0];
}

export async function findRules(db: DbOrTrx, options: { enabledOnly: boolean }): Promise<RuleRow[]> {
  const { rows } = await sql<RuleRow>`
    select ${RULE_COLUMNS} from ops.moderation_rules ${options.enabledOnly ? sql`where enabled` : sql``} order by lower(name), id`.execute(db);
  return rows;
}

/** Writes the rule's new state and bumps its revision (the caller locked it and checked the revision). */
export async function saveRule(trx: Trx, id: string, rule: NewRule, staffId: string): Promise<RuleRow> {
  const { rows } = await sql<RuleRow>`
    update ops.moderation_rules set name = ${rule.name}, description = ${rule.description}, conditions = ${JSON.stringify(rule.conditions)}::jsonb,
      action = ${rule.action}, reason_code = ${rule.reasonCode}, mode = ${rule.mode}, enabled = ${rule.enabled},
      revision = revision + 1, updated_by = ${staffId}, updated_at = now()
    where id = ${id} returning ${RULE_COLUMNS}`.execute(trx);
  return rows[0]!;
}

export async function findRuleStats(db: DbOrTrx, ruleIds: string[]): Promise<Map<string, RuleStats>> {
  const { rows } = await sql<{ ruleId: string } & Record<keyof RuleStats, string>>`
    select rule_id::text, count(*) as hits, count(*) filter (where mode = 'shadow') as shadow_hits, count(*) filter (where mode = 'live') as live_hits,
           count(*) filter (where verdict = 'agreed') as agreed, count(*) filter (where verdict = 'disagreed') as disagreed
    from ops.moderation_rule_hits where rule_id = any(${ruleIds}::bigint[]) group by rule_id`.execute(db);
  return new Map(rows.map((r) => [r.ruleId, { hits: Number(r.hits), shadowHits: Number(r.shadowHits), liveHits: Number(r.liveHits), agreed: Number(r.agreed), disagreed: Number(r.disagreed) }]));
}

export interface NewRuleHit {
  rule: RuleRow;
  contentId: string;
  trigger: 'content' | 'report';
  because: string[];
}

/** Records the hit unless the rule already hit this subject; true when it is new (only then does a live rule act). */
export async function insertRuleHit(trx: Trx, hit: NewRuleHit): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    insert into ops.moderation_rule_hits (rule_id, rule_revision, subject_type, subject_id, content_id, trigger, mode, action, acted, effect)
    values (${hit.rule.id}, ${hit.rule.revision}, 'content', ${hit.contentId}, ${hit.contentId}, ${hit.trigger}, ${hit.rule.mode}, ${hit.rule.action},
            ${hit.rule.mode === 'live'}, ${JSON.stringify({ because: hit.because })}::jsonb)
    on conflict (rule_id, subject_type, subject_id) do nothing returning id::text`.execute(trx);
  return rows[0]?.id ?? null;
}

export async function recordHitEffect(trx: Trx, hitId: string, effect: Record<string, unknown>): Promise<void> {
  await sql`update ops.moderation_rule_hits set effect = effect || ${JSON.stringify(effect)}::jsonb where id = ${hitId}`.execute(trx);
}

export interface RuleHitRow {
  id: string;
  ruleRevision: number;
  contentId: string | null;
  trigger: 'content' | 'report';
  mode: TModerationRuleMode;
  action: TModerationRuleAction;
  acted: boolean;
  effect: { because?: string[] } & Record<string, unknown>;
  verdict: TModerationRuleVerdict | null;
  decisionId: string | null;
  judgedAt: Date | null;
  createdAt: Date;
  contentTitle: string | null;
  contentStatus: string | null;
}

/** A rule's hits, newest first, keyset by id. */
export async function findRuleHits(db: DbOrTrx, ruleId: string, options: { mode?: TModerationRuleMode; beforeId?: string; limit: number; withContent: boolean }): Promise<RuleHitRow[]> {
  const content = options.withContent
    ? sql`left join lateral (select title as content_title, status as content_status from app.content where id = h.content_id::uuid) c on true`
    : sql`cross join (select null::text as content_title, null::text as content_status) c`;
  const { rows } = await sql<RuleHitRow>`
    select h.id::text, h.rule_revision, h.content_id, h.trigger, h.mode, h.action, h.acted, h.effect, h.verdict, h.decision_id, h.judged_at, h.created_at,
           c.content_title, c.content_status
    from ops.moderation_rule_hits h ${content}
    where h.rule_id = ${ruleId} ${options.mode ? sql`and h.mode = ${options.mode}` : sql``} ${options.beforeId ? sql`and h.id < ${options.beforeId}` : sql``}
    order by h.id desc limit ${options.limit}`.execute(db);
  return rows;
}

export type RuleCursorSource = 'content' | 'reports';

/**
 * The source's high-water mark, locked for the run, as PostgreSQL text (microseconds
 * kept), with where this run starts (`overlapSeconds` behind it) and the database's now.
 * On the first run it starts now: history is what dry runs are for.
 */
export async function lockRuleCursor(trx: Trx, source: RuleCursorSource, overlapSeconds: number): Promise<{ scanFrom: string; databaseNow: string }> {
  await sql`insert into ops.moderation_rule_cursor (source, scanned_to) values (${source}, now()) on conflict (source) do nothing`.execute(trx);
  const { rows } = await sql<{ scanFrom: string; databaseNow: string }>`
    select (scanned_to - make_interval(secs => ${overlapSeconds}))::text as scan_from, now()::text as database_now
    from ops.moderation_rule_cursor where source = ${source} for update`.execute(trx);
  return rows[0]!;
}

export async function advanceRuleCursor(trx: Trx, source: RuleCursorSource, scannedTo: string): Promise<void> {
  await sql`update ops.moderation_rule_cursor set scanned_to = greatest(scanned_to, ${scannedTo}::timestamptz), updated_at = now() where source = ${source}`.execute(trx);
}

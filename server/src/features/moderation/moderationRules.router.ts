import {
  ZModerationRuleCreateRequestSchema,
  ZModerationRuleDryRunRequestSchema,
  ZModerationRuleGetRequestSchema,
  ZModerationRuleHitsRequestSchema,
  ZModerationRuleListRequestSchema,
  ZModerationRuleSetModeRequestSchema,
  ZModerationRuleUpdateRequestSchema,
} from '@opsdesk/shared';
import type { Trx } from '../../db/database.js';
import { router, staffProcedure } from '../../trpc/procedures.js';
import { createRule, dryRunRule, getRuleView, listRuleViews, ruleHitsPage, setRuleMode, updateRule } from './moderationRules.service.js';

/**
 * `moderation.rules.*` (docs/moderation.md, "Auto-moderation rules"); schemas in
 * shared/src/moderation/moderationRules.schemas.ts. Reads need moderation.read; changes
 * need moderation.rules (admin) and are audited (`targetType` moderation_rule).
 *
 * RuleView = { id, name, description, conditions, action: 'label'|'hide_pending_review'|'raise_priority'|'open_queue_entry',
 *   reasonCode, mode: 'shadow'|'live', enabled, revision, createdAt, updatedAt,
 *   stats: { hits, shadowHits, liveHits, wouldHaveActed, agreed, disagreed, precision: number (0–1) | null } }
 *
 * - list (query): { includeDisabled?: boolean = true } → { rules: RuleView[] }
 * - get (query): { id } → RuleView
 * - create (mutation, `moderation.rule_created`): { name, description?, conditions, action, reasonCode? = 'other',
 *   mode? = 'shadow', enabled? = true, reason } → RuleView   (409 duplicate name; 400 unknown reason code or bad regex)
 * - update (mutation, `moderation.rule_updated`): { id, revision, name?, description?, conditions?, action?, reasonCode?, enabled?, reason }
 *   → RuleView   (409 when `revision` is not the current one)
 * - setMode (mutation, `moderation.rule_mode_set`): { id, mode, reason } → RuleView
 * - dryRun (query): { id } or { conditions }, days? 1–30 = 7, limit? 1–500 = 100
 *   → { days, from, to, scanned, matched, complete, hits: { contentId, title, kind, status, createdAt, because: string[] }[] }
 * - hits (query): { id, mode?, cursor?, limit? 1–100 = 50 } → { hits: { id, ruleRevision, contentId, contentTitle, contentStatus,
 *   trigger: 'content'|'report', mode, action, acted, because, effect, verdict: 'agreed'|'disagreed'|null, decisionId, judgedAt, createdAt }[],
 *   nextCursor: string | null }
 */
const read = staffProcedure.meta({ permission: 'moderation.read' });
const change = (action: string) => staffProcedure.meta({ permission: 'moderation.rules', audit: { action, targetType: 'moderation_rule' } });

export const moderationRulesRouter = router({
  list: read.input(ZModerationRuleListRequestSchema).query(({ ctx, input }) => listRuleViews(ctx.db, input.includeDisabled)),
  get: read.input(ZModerationRuleGetRequestSchema).query(({ ctx, input }) => getRuleView(ctx.db, input.id)),
  dryRun: read.input(ZModerationRuleDryRunRequestSchema).query(({ ctx, input, signal }) => dryRunRule(ctx.db, input, signal)),
  hits: read.input(ZModerationRuleHitsRequestSchema).query(({ ctx, input }) => ruleHitsPage(ctx.db, input)),
  create: change('moderation.rule_created')
    .input(ZModerationRuleCreateRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const rule = await createRule(ctx.db as Trx, ctx.session.staff.id, input);
      ctx.audit.target('moderation_rule', rule.id);
      ctx.audit.change(null, { name: rule.name, conditions: rule.conditions, action: rule.action, reasonCode: rule.reasonCode, mode: rule.mode, enabled: rule.enabled, revision: rule.revision });
      return rule;
    }),
  update: change('moderation.rule_updated')
    .input(ZModerationRuleUpdateRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_rule', input.id);
      const { before, after } = await updateRule(ctx.db as Trx, ctx.session.staff.id, input);
      ctx.audit.change(auditState(before), auditState(after));
      return after;
    }),
  setMode: change('moderation.rule_mode_set')
    .input(ZModerationRuleSetModeRequestSchema)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('moderation_rule', input.id);
      const { before, after } = await setRuleMode(ctx.db as Trx, ctx.session.staff.id, input.id, input.mode);
      ctx.audit.change({ mode: before.mode, revision: before.revision }, { mode: after.mode, revision: after.revision });
      return after;
    }),
});

const auditState = (rule: { name: string; conditions: unknown; action: string; reasonCode: string; enabled: boolean; revision: number }) => ({
  name: rule.name,
  conditions: rule.conditions,
  action: rule.action,
  reasonCode: rule.reasonCode,
  enabled: rule.enabled,
  revision: rule.revision,
});

import { z } from 'zod';
import type { JobSchedule } from '../jobs/jobEngine.js';
import { defineJobKind } from '../jobs/jobKind.js';
import { runModerationRules } from './moderationRuleScan.service.js';

/**
 * Every minute: new content and content with new reports are matched against the enabled
 * auto-moderation rules (moderationRuleScan.service.ts), outside the product's request
 * path. Each batch commits with its cursor, and a rule hits a subject once, so a run cut
 * short resumes from the cursor and never acts twice.
 */
export const moderationRulesJob = defineJobKind({
  name: 'moderation.runRules',
  title: 'Run auto-moderation rules on new content and reports',
  params: z.strictObject({}),
  timeoutMs: 55_000,
  retry: { limit: 2, backoff: { initialMs: 5_000 } },
  resumable: true,
  async run({ db, log, signal }) {
    const skipped: string[] = [];
    const result = await runModerationRules(db, { signal, onSkipped: (rule, why) => skipped.push(`${rule.id} (${rule.name}): ${why}`) });
    if (skipped.length > 0) await log(`Skipped rule(s) whose conditions are no longer valid: ${skipped.join('; ')}`);
    const hits = result.content.hits + result.reports.hits;
    if (hits > 0) await log(`${hits} rule hit(s), ${result.content.acted + result.reports.acted} acted on (live rules).`);
    return result;
  },
});

export const moderationRulesSchedule: JobSchedule = { kind: moderationRulesJob, match: '* * * * *' };

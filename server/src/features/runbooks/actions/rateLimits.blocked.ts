import { RATE_LIMIT_NAMES, ZRateLimitsBlockedParamsSchema } from '@opsdesk/shared';
import { rateLimitsFor } from '../../rateLimits/rateLimits.service.js';
import { defineRunbookAction, type RunbookContext, type RunbookReport } from '../runbookAction.js';
import { limitsTable, RATE_LIMITS_ENTRY, storageFact, TOP_BLOCKED_KEYS } from './rateLimits.display.js';

async function describeBlocked(ctx: RunbookContext, minutes: number): Promise<RunbookReport> {
  const rateLimits = rateLimitsFor(ctx.deps);
  const rows = [];
  for (const limit of RATE_LIMIT_NAMES) {
    for (const { subject, blocks } of await rateLimits.topBlocked(limit, minutes, TOP_BLOCKED_KEYS)) {
      const now = await rateLimits.peek(limit, subject);
      rows.push({ limit, key: subject, blocks, blockedNow: !now.allowed, retryAfterSeconds: now.allowed ? null : now.retryAfterSeconds, highlight: now.allowed ? null : ('danger' as const) });
    }
  }
  const blockedNow = rows.filter((row) => row.blockedNow).length;
  return {
    summary: rows.length === 0 ? `No request refused by a named limit in the last ${minutes} minutes.` : `${rows.length} key(s) refused in the last ${minutes} minutes, ${blockedNow} blocked now.`,
    facts: [storageFact(rateLimits)],
    tables: [
      await limitsTable(rateLimits),
      {
        title: `Keys refused most, last ${minutes} minutes (top ${TOP_BLOCKED_KEYS} per limit)`,
        columns: [
          { key: 'limit', label: 'Limit', kind: 'code' },
          { key: 'key', label: 'Key', kind: 'code' },
          { key: 'blocks', label: 'Requests refused', kind: 'number' },
          { key: 'blockedNow', label: 'Blocked now' },
          { key: 'retryAfterSeconds', label: 'Free again in', kind: 'seconds' },
        ],
        rows,
        empty: 'Nobody was refused: a 429 spike is not coming from these limits (sign-in has its own).',
      },
    ],
  };
}

/** Read-only: who the named limits are refusing, to decide between raising a limit and unblocking one key. */
export const rateLimitsBlockedAction = defineRunbookAction({
  name: 'rateLimits.blocked',
  title: 'See who is rate limited',
  summary: 'During a 429 spike: each named limit with its points and any raise in force, and the keys (IPs, staff members) refused most in the last minutes.',
  runbookEntry: RATE_LIMITS_ENTRY,
  permission: 'runbooks.read',
  risk: 'low',
  readOnly: true,
  params: ZRateLimitsBlockedParamsSchema,
  target: () => 'rateLimits',
  timeoutMs: 30_000,
  async plan(ctx, params) {
    return { ...(await describeBlocked(ctx, params.minutes)), steps: [], state: null };
  },
  async execute(ctx, params) {
    return describeBlocked(ctx, params.minutes);
  },
});

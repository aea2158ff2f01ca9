import { RATE_LIMIT_NAMES, type RateLimitName } from '@opsdesk/shared';
import type { RateLimits } from '../../rateLimits/rateLimits.service.js';
import type { RunbookFact, RunbookTable } from '../runbookAction.js';

/** The docs/runbook.md entry every rate-limit action links to. */
export const RATE_LIMITS_ENTRY = '429-spike';

/** Keys listed per limit in the "who is blocked" view. */
export const TOP_BLOCKED_KEYS = 20;

export function storageFact(rateLimits: RateLimits): RunbookFact {
  return rateLimits.storage === 'redis'
    ? { label: 'Counted in', value: 'Redis, shared by every instance: a change applies everywhere at once' }
    : { label: 'Counted in', value: 'this instance’s memory (no REDIS_URL): a change applies to this instance only', status: 'warn' };
}

/** Each named limit with its configured points, any raise in force and the points now. */
export async function limitsTable(rateLimits: RateLimits, only?: RateLimitName): Promise<RunbookTable> {
  const names = only ? [only] : RATE_LIMIT_NAMES;
  const rows = await Promise.all(
    names.map(async (name) => {
      const limit = rateLimits.limits[name];
      const override = await rateLimits.override(name);
      return {
        limit: name,
        guards: limit.guards,
        keyedBy: limit.keyedBy,
        points: limit.points,
        windowSeconds: limit.windowSeconds,
        factor: override ? override.factor : null,
        pointsNow: Math.floor(limit.points * (override?.factor ?? 1)),
        raisedUntil: override ? override.expiresAt.toISOString() : null,
        raisedBy: override?.raisedBy ?? null,
        highlight: override ? ('warn' as const) : null,
      };
    }),
  );
  return {
    title: 'Named limits',
    columns: [
      { key: 'limit', label: 'Limit', kind: 'code' },
      { key: 'guards', label: 'Guards' },
      { key: 'keyedBy', label: 'Counted per' },
      { key: 'points', label: 'Configured requests', kind: 'number' },
      { key: 'windowSeconds', label: 'Per (sliding window)', kind: 'seconds' },
      { key: 'factor', label: 'Raised ×', kind: 'number' },
      { key: 'pointsNow', label: 'Requests allowed now', kind: 'number' },
      { key: 'raisedUntil', label: 'Raised until', kind: 'datetime' },
      { key: 'raisedBy', label: 'Raised by' },
    ],
    rows,
  };
}

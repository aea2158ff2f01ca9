import type { RateLimitName } from '@opsdesk/shared';
import { BLOCKED_HISTORY_MINUTES, BLOCKED_KEYS_PER_MINUTE, minuteOf, type BlockedKey, type LimitDecision, type LimitOverride, type RateLimitStore } from './rateLimitStore.js';
import { admits } from './slidingWindow.js';

/** Keys counted per instance; past it stale ones go first, then the oldest (a flood of addresses cannot grow memory). */
const MAX_COUNTED_KEYS = 50_000;

interface Counter {
  window: number;
  current: number;
  previous: number;
  /** When both windows have slid out: the count means nothing after it. */
  staleAt: number;
}

/** The store without Redis: one instance's memory, so each instance counts on its own. */
export function createMemoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const counters = new Map<string, Counter>();
  const overrides = new Map<RateLimitName, LimitOverride>();
  /** limit → minute → subject → blocks */
  const blocked = new Map<RateLimitName, Map<number, Map<string, number>>>();

  const liveOverride = (limit: RateLimitName): LimitOverride | null => {
    const override = overrides.get(limit);
    if (override && override.expiresAt.getTime() <= now()) overrides.delete(limit);
    return overrides.get(limit) ?? null;
  };

  const decide = (limit: RateLimitName, subject: string, basePoints: number, windowMs: number, weight = 1) => {
    const at = now();
    const window = Math.floor(at / windowMs);
    const stored = counters.get(`${limit}\u0000${subject}`);
    const current = stored?.window === window ? stored.current : 0;
    const previous = stored?.window === window ? stored.previous : stored?.window === window - 1 ? stored.current : 0;
    const points = Math.floor(basePoints * (liveOverride(limit)?.factor ?? 1));
    const counts = { previous, current, elapsedMs: at - window * windowMs };
    return { window, decision: { allowed: admits(counts, windowMs, points, weight), points, counts } satisfies LimitDecision };
  };

  const recordBlock = (limit: RateLimitName, subject: string) => {
    const minute = minuteOf(now());
    const byMinute = blocked.get(limit) ?? new Map<number, Map<string, number>>();
    blocked.set(limit, byMinute);
    for (const old of byMinute.keys()) if (old <= minute - BLOCKED_HISTORY_MINUTES) byMinute.delete(old);
    const subjects = byMinute.get(minute) ?? new Map<string, number>();
    byMinute.set(minute, subjects);
    subjects.set(subject, (subjects.get(subject) ?? 0) + 1);
    if (subjects.size > BLOCKED_KEYS_PER_MINUTE) {
      const least = [...subjects].reduce((a, b) => (b[1] < a[1] ? b : a));
      subjects.delete(least[0]);
    }
  };

  const keepBounded = () => {
    if (counters.size <= MAX_COUNTED_KEYS) return;
    const at = now();
    for (const [key, counter] of counters) if (counter.staleAt <= at) counters.delete(key);
    for (const key of counters.keys()) {
      if (counters.size <= MAX_COUNTED_KEYS * 0.9) break;
      counters.delete(key);
    }
  };

  return {
    kind: 'memory',
    async hit(limit, subject, basePoints, windowMs, weight = 1) {
      const { window, decision } = decide(limit, subject, basePoints, windowMs, weight);
      if (!decision.allowed) {
        if (weight === 1) recordBlock(limit, subject);
        return decision;
      }
      const key = `${limit}\u0000${subject}`;
      counters.delete(key); // re-inserted last: Map order is then least recently used first
      counters.set(key, { window, current: decision.counts.current + weight, previous: decision.counts.previous, staleAt: (window + 2) * windowMs });
      keepBounded();
      return { ...decision, counts: { ...decision.counts, current: decision.counts.current + weight } };
    },
    async peek(limit, subject, basePoints, windowMs) {
      return decide(limit, subject, basePoints, windowMs).decision;
    },
    async reset(limit, subject) {
      return counters.delete(`${limit}\u0000${subject}`);
    },
    async getOverride(limit) {
      return liveOverride(limit);
    },
    async setOverride(limit, override) {
      overrides.set(limit, override);
    },
    async clearOverride(limit, id) {
      if (overrides.get(limit)?.id !== id) return false;
      return overrides.delete(limit);
    },
    async topBlocked(limit, minutes, top) {
      const since = minuteOf(now()) - minutes;
      const totals = new Map<string, number>();
      for (const [minute, subjects] of blocked.get(limit) ?? []) {
        if (minute <= since) continue;
        for (const [subject, count] of subjects) totals.set(subject, (totals.get(subject) ?? 0) + count);
      }
      return [...totals]
        .map(([subject, blocks]): BlockedKey => ({ subject, blocks }))
        .sort((a, b) => b.blocks - a.blocks || a.subject.localeCompare(b.subject))
        .slice(0, top);
    },
  };
}

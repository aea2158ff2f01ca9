import { sql, type RawBuilder } from 'kysely';

/**
 * Queue priority (docs/moderation.md, "Priority"). The score of an entry at time t is
 *
 *   score = 2 × severity + 10 × log2(1 + reports) + 20 × (reliability − 0.5) + 0.5 × hours waited
 *
 * severity: the highest severity (0–100, the policy table) among its open reports' reasons;
 * reliability: the mean, over its reports, of the reporter's (upheld + 1) / (reports + 2)
 * (a new reporter counts 0.5). Because the age term grows at the same rate for every
 * entry, ordering by score equals ordering by the static key
 * `base − 0.5 × hours(first_reported_at − EPOCH)`, which is what `priority` stores: no
 * entry is ever re-scored as time passes, and one index serves "next item".
 */
export const AGE_POINTS_PER_HOUR = 0.5;
const EPOCH = '2020-01-01T00:00:00Z';

/** The score without the age term: decides the bucket, never changes while the entry waits. */
export function baseScore(severity: RawBuilder<unknown>, reports: RawBuilder<unknown>, reliability: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(2 * ${severity} + 10 * log(2, 1 + ${reports}::numeric)::float8 + 20 * (${reliability} - 0.5))`;
}

export function priorityKey(base: RawBuilder<number>, firstReportedAt: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(${base} - ${AGE_POINTS_PER_HOUR} * extract(epoch from (${firstReportedAt} - ${EPOCH}::timestamptz)) / 3600)`;
}

/** Buckets from the base score: child safety and violent threats land in `urgent`, lone spam in `low`. */
export function bucketOf(base: RawBuilder<number>): RawBuilder<string> {
  return sql<string>`(case when ${base} >= 170 then 'urgent' when ${base} >= 120 then 'high' when ${base} >= 60 then 'normal' else 'low' end)`;
}

/** What the console shows: the stored key plus the age term now. */
export function scoreNow(priority: number, now = new Date()): number {
  return priority + (AGE_POINTS_PER_HOUR * (now.getTime() - Date.parse(EPOCH))) / 3_600_000;
}

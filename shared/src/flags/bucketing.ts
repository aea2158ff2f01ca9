import murmurhash3js from 'murmurhash3js';

/**
 * Unleash's bucketing, shared by every Unleash SDK: `murmurhash3_x86_32("groupId:id", seed)
 * % n + 1`. It uses the `murmurhash3js` package (pinned) because that package hashes the
 * low byte of each UTF-16 unit rather than UTF-8; a "fixed" hash would move users with
 * non-ASCII ids to other buckets than unleash-client puts them in.
 */

export const STRATEGY_SEED = 0;
export const VARIANT_SEED = 86028157;

/** 1…n for `id` in `groupId`. */
export function normalizedValue(id: string, groupId: string, n: number, seed: number): number {
  return (murmurhash3js.x86.hash32(`${groupId}:${id}`, seed) % n) + 1;
}

/** A user's bucket 1…100 for a rollout percentage. */
export function strategyBucket(id: string, groupId: string): number {
  return normalizedValue(id, groupId, 100, STRATEGY_SEED);
}

/** The target 1…totalWeight a variant walk stops at. */
export function variantTarget(id: string, groupId: string, totalWeight: number): number {
  return normalizedValue(id, groupId, totalWeight, VARIANT_SEED);
}

/** A source of randomness in [0, 1); injectable so `random` stickiness is testable. */
export type RandomSource = () => number;

/** The random stickiness values unleash-client draws, from the same formulas. */
export const randomStickiness = {
  /** flexibleRollout with `random` (or `default` without ids): "1"…"10001". */
  rollout: (random: RandomSource) => `${Math.round(random() * 10_000) + 1}`,
  /** gradualRolloutRandom: 1…100. */
  percentage: (random: RandomSource) => Math.floor(random() * 100) + 1,
  /** Variants without a sticky value: "0"…"100000". */
  variant: (random: RandomSource) => String(Math.round(random() * 100_000)),
};

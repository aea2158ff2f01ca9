import type { RateLimitName } from '@opsdesk/shared';
import type { WindowCounts } from './slidingWindow.js';

/** The answer to one request under one limit. */
export interface LimitDecision {
  allowed: boolean;
  /** The limit's points now, with any override applied. */
  points: number;
  counts: WindowCounts;
}

/** A raised limit: `points × factor` until `expiresAt`, then the configured points again. */
export interface LimitOverride {
  id: string;
  factor: number;
  expiresAt: Date;
  /** Who raised it (email), for the console. */
  raisedBy: string;
}

export interface BlockedKey {
  subject: string;
  /** Requests refused in the period asked for. */
  blocks: number;
}

/**
 * Where counts, overrides and blocked keys live: Redis (shared by every instance) or this
 * instance's memory. Counting, reading the override and recording a block are one step,
 * so a raised limit applies on every instance from the next request.
 */
export interface RateLimitStore {
  readonly kind: 'redis' | 'memory';
  /**
   * Counts a request unless it is refused; a refusal is recorded against `subject`.
   * `weight` > 1 counts that many requests at once, all or none, and a refusal of them
   * is not recorded (leasedHits.ts asks again for one request, which is).
   */
  hit(limit: RateLimitName, subject: string, basePoints: number, windowMs: number, weight?: number): Promise<LimitDecision>;
  /** The same decision without counting or recording anything. */
  peek(limit: RateLimitName, subject: string, basePoints: number, windowMs: number): Promise<LimitDecision>;
  /** Forgets `subject`'s counts under `limit`; true when there were any. */
  reset(limit: RateLimitName, subject: string): Promise<boolean>;
  getOverride(limit: RateLimitName): Promise<LimitOverride | null>;
  setOverride(limit: RateLimitName, override: LimitOverride): Promise<void>;
  /** Removes the override only if it is still `id` (a later raise is left alone); true when removed. */
  clearOverride(limit: RateLimitName, id: string): Promise<boolean>;
  /** Keys refused most in the last `minutes` (whole minutes, this one included), most first. */
  topBlocked(limit: RateLimitName, minutes: number, top: number): Promise<BlockedKey[]>;
}

/** Blocked keys are kept per minute for this long: the longest period the console asks about. */
export const BLOCKED_HISTORY_MINUTES = 60;
/** Keys kept per limit and minute; past it the least refused one is dropped (a spread-out flood stays bounded). */
export const BLOCKED_KEYS_PER_MINUTE = 1_000;

export const minuteOf = (epochMs: number) => Math.floor(epochMs / 60_000);

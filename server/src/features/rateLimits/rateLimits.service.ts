import { randomUUID } from 'node:crypto';
import type { RateLimitName } from '@opsdesk/shared';
import type { Config } from '../../config/config.js';
import type { AppDeps } from '../../trpc/context.js';
import { createLeasedHits } from './leasedHits.js';
import { createMemoryRateLimitStore } from './memoryRateLimitStore.js';
import { namedLimits, type NamedLimit } from './namedLimits.js';
import type { BlockedKey, LimitDecision, LimitOverride, RateLimitStore } from './rateLimitStore.js';
import { createRedisRateLimitStore } from './redisRateLimitStore.js';
import { msUntilAdmitted } from './slidingWindow.js';

export interface LimitAnswer extends LimitDecision {
  /** 0 when allowed; otherwise whole seconds (≥ 1) until one more request would pass. */
  retryAfterSeconds: number;
}

/** The named limits of one Opsdesk app: the middleware counts through it, the runbook actions read and change it. */
export interface RateLimits {
  storage: 'redis' | 'memory';
  limits: Record<RateLimitName, NamedLimit>;
  hit(limit: RateLimitName, subject: string): Promise<LimitAnswer>;
  peek(limit: RateLimitName, subject: string): Promise<LimitAnswer>;
  /** Forgets the key's counts: its next request passes. True when it had any. */
  unblock(limit: RateLimitName, subject: string): Promise<boolean>;
  override(limit: RateLimitName): Promise<LimitOverride | null>;
  raise(limit: RateLimitName, factor: number, expiresAt: Date, raisedBy: string): Promise<LimitOverride>;
  /** Idempotent; a later raise (another id) is left in place. */
  removeOverride(limit: RateLimitName, id: string): Promise<boolean>;
  topBlocked(limit: RateLimitName, minutes: number, top: number): Promise<BlockedKey[]>;
}

// AppDeps has no slot for this, so one service per app is kept beside its config (each
// app, and each test app, has its own): memory-mode counts and overrides are then the
// same for the app's middleware and for the runbook actions run on its deps.
const services = new WeakMap<Config, RateLimits>();

/**
 * Limits counted ahead in leases when they live in Redis (leasedHits.ts): Stripe delivers
 * webhooks in bursts of hundreds a second, one Redis round trip each. The staff limits
 * stay exact per request.
 */
const LEASED: ReadonlySet<RateLimitName> = new Set(['webhooks']);

export function rateLimitsFor(deps: Pick<AppDeps, 'config' | 'redis' | 'logger'>): RateLimits {
  let service = services.get(deps.config);
  if (!service) {
    service = createRateLimits(deps);
    services.set(deps.config, service);
  }
  return service;
}

function createRateLimits({ config, redis, logger }: Pick<AppDeps, 'config' | 'redis' | 'logger'>): RateLimits {
  const limits = namedLimits(config);
  const memory = createMemoryRateLimitStore();
  const store: RateLimitStore = redis ? createRedisRateLimitStore(redis, config.REDIS_KEY_PREFIX) : memory;
  const leased = createLeasedHits(store);
  const counted = (limit: RateLimitName) => (store !== memory && LEASED.has(limit) ? leased : store);
  let warnedAt = 0;

  const answer = (limit: RateLimitName, decision: LimitDecision): LimitAnswer => ({
    ...decision,
    retryAfterSeconds: decision.allowed ? 0 : Math.ceil(msUntilAdmitted(decision.counts, limits[limit].windowSeconds * 1000, decision.points) / 1000),
  });

  return {
    storage: store.kind,
    limits,
    async hit(limit, subject) {
      const { points, windowSeconds } = limits[limit];
      try {
        return answer(limit, await counted(limit).hit(limit, subject, points, windowSeconds * 1000));
      } catch (error) {
        if (store === memory) throw error;
        // Redis not answering: count in this instance's memory rather than refuse everyone
        // or let everyone through (as the sign-in limiter's insurance limiter does).
        if (Date.now() - warnedAt > 60_000) {
          warnedAt = Date.now();
          logger.warn({ err: error, limit }, 'rate limits: Redis did not answer; counting in this instance only');
        }
        return answer(limit, await memory.hit(limit, subject, points, windowSeconds * 1000));
      }
    },
    async peek(limit, subject) {
      const { points, windowSeconds } = limits[limit];
      return answer(limit, await store.peek(limit, subject, points, windowSeconds * 1000));
    },
    unblock(limit, subject) {
      leased.forget(limit, subject);
      return store.reset(limit, subject);
    },
    override: (limit) => store.getOverride(limit),
    async raise(limit, factor, expiresAt, raisedBy) {
      const override = { id: randomUUID(), factor, expiresAt, raisedBy };
      await store.setOverride(limit, override);
      return override;
    },
    removeOverride: (limit, id) => store.clearOverride(limit, id),
    topBlocked: (limit, minutes, top) => store.topBlocked(limit, minutes, top),
  };
}

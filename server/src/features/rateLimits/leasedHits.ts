import type { RateLimitName } from '@opsdesk/shared';
import type { LimitDecision, RateLimitStore } from './rateLimitStore.js';

/**
 * How long leased requests may be spent. A raise, a lowered limit or an unblock made on
 * another instance reaches this one within it.
 */
const LEASE_MS = 1_000;
/** A lease is at most this share of the limit's points: one instance never holds much of a window. */
const MAX_LEASE_SHARE = 0.01;
/** Keys with a lease kept at most (one per IP for the webhooks limit); past it expired ones go. */
const MAX_LEASED_KEYS = 10_000;

interface Lease {
  /** Requests counted in the store and not yet spent here. */
  left: number;
  size: number;
  expiresAt: number;
  /** The store's answer when the lease was taken (its counts include the whole lease). */
  decision: LimitDecision;
}

/**
 * A store's `hit` counted ahead for a limit that sees bursts (Stripe delivers webhooks
 * hundreds a second): an instance counts several requests in the store at once — a
 * lease — and admits the next ones from memory, instead of one Redis round trip per
 * request (4.5 % of the server's time in the webhook bench's profile). Leases start at
 * one request (a quiet key is counted exactly), double while they run out before they
 * expire, and never pass 1 % of the points. Never more is admitted than the store
 * counted; requests leased but not spent stay counted until their window slides out,
 * which errs on the side of the limit. A lease refused (the limit is near) is not a
 * refusal: that request is asked for alone, so refusals, Retry-After and the blocked
 * keys are exactly the store's.
 */
export function createLeasedHits(store: RateLimitStore, now: () => number = Date.now) {
  const leases = new Map<string, Lease>();
  const taking = new Map<string, Promise<void>>();

  const spend = (lease: Lease): LimitDecision => {
    lease.left -= 1;
    const { counts } = lease.decision;
    // As if this request were the last one counted: the lease's unspent ones are not yet requests.
    return { ...lease.decision, counts: { ...counts, current: counts.current - lease.left } };
  };

  const keepBounded = () => {
    if (leases.size <= MAX_LEASED_KEYS) return;
    const at = now();
    for (const [key, lease] of leases) if (lease.expiresAt <= at) leases.delete(key);
  };

  /** The next lease's size: doubled when the last ran out before it expired, else what of it was spent. */
  function nextSize(previous: Lease | undefined, basePoints: number): number {
    const at = now();
    const wanted = !previous || at > previous.expiresAt + LEASE_MS ? 1 : previous.left === 0 && at < previous.expiresAt ? previous.size * 2 : previous.size - previous.left;
    return Math.max(1, Math.min(Math.floor(basePoints * MAX_LEASE_SHARE), wanted));
  }

  /** Takes a lease and spends its first request (the caller's). */
  async function take(key: string, limit: RateLimitName, subject: string, basePoints: number, windowMs: number): Promise<LimitDecision> {
    const size = nextSize(leases.get(key), basePoints);
    let decision = await store.hit(limit, subject, basePoints, windowMs, size);
    let granted = decision.allowed ? size : 0;
    if (!decision.allowed && size > 1) {
      decision = await store.hit(limit, subject, basePoints, windowMs, 1);
      granted = decision.allowed ? 1 : 0;
    }
    const lease: Lease = { left: granted, size: Math.max(granted, 1), expiresAt: now() + LEASE_MS, decision };
    leases.set(key, lease);
    keepBounded();
    return decision.allowed ? spend(lease) : decision;
  }

  return {
    async hit(limit: RateLimitName, subject: string, basePoints: number, windowMs: number): Promise<LimitDecision> {
      const key = `${limit}\u0000${subject}`;
      for (;;) {
        const lease = leases.get(key);
        if (lease && lease.left > 0 && now() < lease.expiresAt) return spend(lease);
        const inFlight = taking.get(key);
        if (!inFlight) break;
        // Another request of this key is taking a lease: share it rather than take another.
        await inFlight;
      }
      const taken = take(key, limit, subject, basePoints, windowMs);
      taking.set(
        key,
        taken.then(
          () => undefined,
          () => undefined,
        ),
      );
      try {
        return await taken;
      } finally {
        taking.delete(key);
      }
    },
    /** Forgets this instance's lease of the key (an unblock: its next request goes to the store). */
    forget(limit: RateLimitName, subject: string): void {
      leases.delete(`${limit}\u0000${subject}`);
    },
  };
}

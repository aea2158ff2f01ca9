import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlagsClient, type FlagsClient } from './index.js';
import { exampleRuleset } from './testing/rulesets.js';

/**
 * The retry schedule, on a fake clock so the assertions are about the schedule, not about
 * wall time. The `fetch` option is the client's own seam (browsers, proxies, tests): it
 * answers real `Response`s, an outage first, then the ruleset.
 */
let client: FlagsClient | null = null;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  client?.close();
  vi.useRealTimers();
});

describe('flags client: backoff', () => {
  it('doubles the wait after each failure up to maxBackoffMs (with at most 20 % jitter), and polls at the interval again once Opsdesk answers', async () => {
    let outage = true;
    const calls: number[] = [];
    const fetchOpsdesk: typeof fetch = async () => {
      calls.push(Date.now());
      return outage ? new Response('unavailable', { status: 503 }) : new Response(JSON.stringify(exampleRuleset()), { status: 200, headers: { ETag: '"rev-1"' } });
    };
    client = createFlagsClient({ url: 'http://opsdesk.test', apiKey: 'k', refreshIntervalMs: 1_000, maxBackoffMs: 8_000, fetch: fetchOpsdesk });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);

    // The fake clock stamps each call exactly: the gaps are the schedule.
    await vi.advanceTimersByTimeAsync(2_000 + 4_000 + 8_000 + 8_000);
    expect(calls).toHaveLength(5);
    expect(client.status()).toMatchObject({ state: 'not_ready', consecutiveFailures: 5 });
    const gaps = calls.slice(1).map((at, index) => at - calls[index]!);
    // Failure 1 → 2 s, 2 → 4 s, then 8 s twice (capped), each shortened by up to 20 % of jitter.
    [2_000, 4_000, 8_000, 8_000].forEach((expected, index) => {
      expect(gaps[index]).toBeGreaterThanOrEqual(expected * 0.8);
      expect(gaps[index]).toBeLessThanOrEqual(expected);
    });

    outage = false;
    await vi.advanceTimersByTimeAsync(8_000 + 3_000);
    expect(client.status()).toMatchObject({ state: 'ready', consecutiveFailures: 0 });
    // Call 6 succeeded; from then on, the plain interval.
    const healthyGaps = calls.slice(6).map((at, index) => at - calls[index + 5]!);
    expect(healthyGaps.length).toBeGreaterThanOrEqual(3);
    expect(new Set(healthyGaps)).toEqual(new Set([1_000]));
  });
});

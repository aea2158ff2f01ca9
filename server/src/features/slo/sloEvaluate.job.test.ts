import { describe, expect, it } from 'vitest';
import { FLUSH_AFTER_MINUTE_MS } from '../signals/signalCollector.js';
import { msUntilSamplesLanded, SAMPLES_LANDED_MS } from './sloEvaluate.job.js';

/**
 * The cron starts a pass at the minute's boundary, and the collectors write the minute
 * that just closed a second later: a pass that early waits for it, so its 5-minute
 * window ends with a written minute and pages are not a minute late.
 */
describe('slo.evaluate: when a pass reads the samples', () => {
  const minute = Date.UTC(2026, 11, 3, 7, 45);

  it('waits, at the boundary and in the first seconds, until the closed minute has been written', () => {
    expect(msUntilSamplesLanded(minute)).toBe(SAMPLES_LANDED_MS);
    expect(msUntilSamplesLanded(minute + 1_500)).toBe(SAMPLES_LANDED_MS - 1_500);
    // The collectors write a second after the boundary: the pass reads after that.
    expect(msUntilSamplesLanded(minute)).toBeGreaterThan(FLUSH_AFTER_MINUTE_MS);
  });

  it('does not wait when it starts later in the minute (a late cron, a retry)', () => {
    expect(msUntilSamplesLanded(minute + SAMPLES_LANDED_MS)).toBe(0);
    expect(msUntilSamplesLanded(minute + 42_000)).toBe(0);
    expect(msUntilSamplesLanded(minute + 59_999)).toBe(0);
  });
});

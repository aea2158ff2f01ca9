import { describe, expect, it } from 'vitest';
import { progressPercent, progressText } from './reconciliationText';

describe('reconciliation progress in words', () => {
  const running = { status: 'running' as const, phase: 'listing' as const };

  it('says how far the listing is against the mirror’s estimate, never past 100 %', () => {
    expect(progressText({ ...running, progress: { done: 300, total: 1200 } })).toBe('Listing Stripe subscriptions: 300 of about 1,200');
    expect(progressPercent({ ...running, progress: { done: 300, total: 1200 } })).toBe(25);
    // Stripe has more than the mirror counted: the estimate grows with the count.
    expect(progressText({ ...running, progress: { done: 1300, total: 1200 } })).toBe('Listing Stripe subscriptions: 1,300 of about 1,300');
    expect(progressPercent({ ...running, progress: { done: 1300, total: 1200 } })).toBe(100);
  });

  it('has no bar to fill while queued or without an estimate, a full one once comparing or done', () => {
    expect(progressPercent({ status: 'queued', phase: 'listing', progress: { done: 0, total: 10 } })).toBeNull();
    expect(progressPercent({ ...running, progress: { done: 5, total: 0 } })).toBeNull();
    expect(progressText({ ...running, progress: { done: 5, total: 0 } })).toBe('Listing Stripe subscriptions: 5');
    expect(progressPercent({ status: 'running', phase: 'comparing', progress: { done: 5, total: 5 } })).toBe(100);
    expect(progressText({ status: 'succeeded', phase: 'done', progress: { done: 7, total: 7 } })).toBe('7 Stripe subscriptions compared.');
  });
});

import { describe, expect, it } from 'vitest';
import { hasProgress, isJobActive, progressPercent, progressText } from './jobLabels';

describe('job progress in words and percent', () => {
  it('says how far a job got, with or without a known total', () => {
    expect(progressText({ progressDone: 3, progressTotal: 10 })).toBe('3 of 10');
    expect(progressText({ progressDone: 3, progressTotal: null })).toBe('3');
    expect(progressPercent({ progressDone: 3, progressTotal: 10 })).toBe(30);
    expect(progressPercent({ progressDone: 12, progressTotal: 10 })).toBe(100);
    expect(progressPercent({ progressDone: 0, progressTotal: 0 })).toBeNull();
    expect(progressPercent({ progressDone: 3, progressTotal: null })).toBeNull();
  });

  it('has no progress to show for a finished job that never counted anything', () => {
    expect(hasProgress({ progressDone: 0, progressTotal: null, status: 'succeeded' })).toBe(false);
    expect(hasProgress({ progressDone: 0, progressTotal: null, status: 'running' })).toBe(true);
    expect(hasProgress({ progressDone: 0, progressTotal: 5, status: 'failed' })).toBe(true);
    expect(hasProgress({ progressDone: 3, progressTotal: null, status: 'succeeded' })).toBe(true);
  });

  it('treats queued and running jobs as active (polled), the rest as finished', () => {
    expect(isJobActive({ status: 'queued' })).toBe(true);
    expect(isJobActive({ status: 'running' })).toBe(true);
    expect(isJobActive({ status: 'timed_out' })).toBe(false);
    expect(isJobActive(undefined)).toBe(false);
  });
});

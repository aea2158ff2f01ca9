import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsFromFilters, queueRequestOf } from './moderationQueueFilters';
import { dsaWords, groupLabel, leaseClock } from './moderationText';

describe('queue filters in the address', () => {
  it('reads valid values and drops malformed ones', () => {
    expect(filtersFromParams(new URLSearchParams('group=abuse&status=claimed&q=scam'))).toEqual({ reasonGroup: 'abuse', status: 'claimed', search: 'scam' });
    expect(filtersFromParams(new URLSearchParams('group=DROP%20TABLE&status=everything'))).toEqual({ reasonGroup: '', status: 'open', search: '' });
    expect(filtersFromParams(new URLSearchParams(`q=${'x'.repeat(150)}`)).search).toHaveLength(100);
  });

  it('writes only what differs from the default, and round-trips', () => {
    expect(paramsFromFilters({ reasonGroup: '', status: 'open', search: '' }).toString()).toBe('');
    const filters = { reasonGroup: 'spam', status: 'decided' as const, search: 'free money' };
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
  });

  it('sends no empty search or group', () => {
    expect(queueRequestOf({ reasonGroup: '', status: 'open', search: '   ' })).toEqual({ reasonGroup: undefined, status: 'open', search: undefined });
  });
});

describe('moderation words', () => {
  it('reads the lease clock, groups and DSA values', () => {
    expect(leaseClock(299.2)).toBe('5:00');
    expect(leaseClock(61)).toBe('1:01');
    expect(leaseClock(0)).toBe('expired');
    expect(groupLabel('child_safety')).toBe('Child safety');
    expect(groupLabel('ip')).toBe('Intellectual property');
    expect(dsaWords('DECISION_VISIBILITY_CONTENT_DISABLED', 'DECISION_VISIBILITY_')).toBe('Content disabled');
  });
});

import { describe, expect, it } from 'vitest';
import { usageLine, usageMetricWords } from './usageText';

describe('usage metrics in words', () => {
  it('reads product keys as words, abbreviations in capitals and a trailing unit as the unit', () => {
    expect(usageMetricWords('api_calls')).toEqual({ label: 'API calls', unit: null });
    expect(usageMetricWords('storage_mb')).toEqual({ label: 'Storage', unit: 'MB' });
    expect(usageMetricWords('seats')).toEqual({ label: 'Seats', unit: null });
    expect(usageMetricWords('Build-Minutes')).toEqual({ label: 'Build', unit: 'min' });
    // A unit alone is a name, not a unit; something with no words stays as stored.
    expect(usageMetricWords('mb')).toEqual({ label: 'Mb', unit: null });
    expect(usageMetricWords('__')).toEqual({ label: '__', unit: null });
  });

  it('writes a line with thousands separators, against the limit or without one', () => {
    expect(usageLine('api_calls', 6735, null)).toBe('API calls: 6,735 (no limit)');
    expect(usageLine('storage_mb', 226, 1000)).toBe('Storage: 226 of 1,000 MB');
    expect(usageLine('projects', 4, 10)).toBe('Projects: 4 of 10');
  });
});

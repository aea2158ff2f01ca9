import { describe, expect, it } from 'vitest';
import { evaluationsByEnvironment, yesShareText } from './flagMetrics';

describe('flag evaluation metrics', () => {
  it('sums the hours per environment, in the server’s order', () => {
    const buckets = [
      { environment: 'staging', yes: 1, no: 2 },
      { environment: 'production', yes: 10, no: 5 },
      { environment: 'staging', yes: 3, no: 0 },
      { environment: 'adhoc', yes: 0, no: 1 },
    ];
    expect(evaluationsByEnvironment(buckets, ['production', 'staging'])).toEqual([
      { environment: 'production', yes: 10, no: 5 },
      { environment: 'staging', yes: 4, no: 2 },
      { environment: 'adhoc', yes: 0, no: 1 },
    ]);
  });

  it('says the share of yes answers', () => {
    expect(yesShareText({ yes: 3, no: 1 })).toBe('75 % yes');
    expect(yesShareText({ yes: 0, no: 0 })).toBe('no evaluations');
  });
});

import { describe, expect, it } from 'vitest';
import { toFlagContext } from './evaluationContext.js';

describe('toFlagContext', () => {
  it("maps the targeting key to userId, keeps Unleash's standard fields, and puts other scalars in properties", () => {
    const signup = new Date('2026-03-01T10:00:00.000Z');
    expect(
      toFlagContext({ targetingKey: 'u-1', userId: 'ignored', sessionId: 's-1', remoteAddress: '10.0.0.1', environment: 'production', appName: 'web', currentTime: signup, plan: 'pro', seats: 12, beta: true, signup }),
    ).toEqual({ userId: 'u-1', sessionId: 's-1', remoteAddress: '10.0.0.1', environment: 'production', appName: 'web', currentTime: signup.toISOString(), properties: { plan: 'pro', seats: 12, beta: true, signup: signup.toISOString() } });
  });

  it('uses a userId attribute without a targeting key, and drops what no constraint can read', () => {
    expect(toFlagContext({ userId: 'u-2', nested: { plan: 'pro' }, list: ['a'], invalid: new Date('nope'), infinite: Number.POSITIVE_INFINITY })).toEqual({ userId: 'u-2' });
    expect(toFlagContext({})).toEqual({});
  });
});

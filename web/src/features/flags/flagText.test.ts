import { describe, expect, it } from 'vitest';
import { isStaleFlag } from './flagStale';
import { flagSnapshotInWords, readableSnapshot, daysSince, environmentStatesText, flagTypeLabel, historyActionText, orderedEnvironments, scheduledStateText, scheduleStatusText, staleText } from './flagText';

describe('flag text', () => {
  it('names the types as the product does', () => {
    expect(flagTypeLabel('kill-switch')).toBe('Kill switch');
    expect(flagTypeLabel('release')).toBe('Release');
  });

  it('counts whole days without a change', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(daysSince('2026-10-20T13:00:00Z', now)).toBe(41);
    expect(daysSince('2026-12-02T00:00:00Z', now)).toBe(0);
    expect(isStaleFlag({ type: 'release', updatedAt: '2026-10-20T13:00:00Z' }, now)).toBe(true);
    expect(isStaleFlag({ type: 'release', updatedAt: '2026-11-20T13:00:00Z' }, now)).toBe(false);
    expect(isStaleFlag({ type: 'kill-switch', updatedAt: '2020-01-01T00:00:00Z' }, now)).toBe(false);
    expect(isStaleFlag({ type: 'operational', updatedAt: '2026-11-20T13:00:00Z', archivedAt: '2026-11-21T00:00:00Z' }, now)).toBe(false);
    expect(staleText('2026-11-30T11:00:00Z', now)).toBe('Stale: no change for 1 day');
  });

  it('says each environment’s state in the server’s order', () => {
    expect(orderedEnvironments({ staging: true, production: false, zeta: true }, ['production', 'staging'])).toEqual(['production', 'staging', 'zeta']);
    expect(environmentStatesText({ staging: true, production: false }, ['production', 'staging'])).toBe('off in production, on in staging');
    expect(environmentStatesText({})).toMatch(/off everywhere/);
  });

  it('puts history actions and schedules in words', () => {
    expect(historyActionText('flags.environment_changed', 'production')).toBe('Changed the rules in production');
    expect(historyActionText('flags.updated', null)).toBe('Changed the flag’s details');
    expect(historyActionText('flags.something_new', null)).toBe('Something new');
    expect(scheduleStatusText('pending', 'cancelled')).toMatch(/job was cancelled/);
    expect(scheduleStatusText('applied')).toBe('Applied');
    expect(scheduledStateText({ enabled: true, strategies: [{}, {}] })).toBe('on, 2 strategies');
  });

  it('shows history snapshots with the owner’s name and without the row id', () => {
    const names = new Map([['u1', 'Otto On-call']]);
    expect(readableSnapshot({ id: 'f1', key: 'a', ownerId: 'u1' }, names)).toEqual({ key: 'a', owner: 'Otto On-call' });
    expect(readableSnapshot({ ownerId: null }, names)).toEqual({ owner: 'nobody' });
    expect(readableSnapshot({ enabled: true }, names)).toEqual({ enabled: true });
    expect(readableSnapshot(null, names)).toBeNull();
  });

  it('words a snapshot\'s rules and type, and leaves out the bookkeeping times', () => {
    const rollout = { name: 'flexibleRollout', parameters: { groupId: 'checkout.new-flow', rollout: '50', stickiness: 'default' }, constraints: [{ contextName: 'country', operator: 'IN', values: ['DE', 'FR'] }] };
    expect(
      flagSnapshotInWords({
        type: 'kill-switch',
        enabled: true,
        strategies: [{ name: 'default' }, rollout],
        variants: [{ name: 'blue', weight: 500, weightType: 'variable', stickiness: 'default' }, { name: 'green', weight: 500, weightType: 'variable', stickiness: 'default' }],
        createdAt: '2026-12-07T20:10:00.000Z',
        updatedAt: '2026-12-07T20:10:00.000Z',
      }),
    ).toEqual({ type: 'Kill switch', enabled: true, strategies: '1. Everyone\n2. Gradual rollout 50 % of users where country is DE or FR', variants: 'blue 50 %, green 50 %' });
    // Nothing to word stays as it is: "(none)" in the diff, and text is never worded twice.
    expect(flagSnapshotInWords({ strategies: [], variants: [] })).toEqual({ strategies: [], variants: [] });
    expect(flagSnapshotInWords({ strategies: ['1. Everyone'] })).toEqual({ strategies: ['1. Everyone'] });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';

/**
 * `flags.stale` against a migrated PostgreSQL: the rule per type (release and
 * experiment after 40 days without a change, operational after 7, kill-switch and
 * permission never), by owner and "mine"; a change makes a flag fresh again.
 */
describe('stale flags', () => {
  let app: TestApp;
  const age = (keys: string[], days: number) =>
    app.db.updateTable('ops.flags').set({ updatedAt: sql`now() - make_interval(days => ${days})` as never }).where('key', 'in', keys).execute();

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app?.close());

  it('lists the owner\'s stale flags by the rule of each type, and only theirs', async () => {
    const { api: owner, staff } = await app.callerAs(['oncall']);
    const { api: other, staff: otherStaff } = await app.callerAs(['admin']);
    const flags = [
      ['rel.41', 'release'], ['rel.39', 'release'], ['exp.41', 'experiment'], ['ops.8', 'operational'], ['ops.6', 'operational'], ['kill.400', 'kill-switch'], ['perm.400', 'permission'],
    ] as const;
    for (const [key, type] of flags) await owner.flags.create({ key, type, ownerId: staff.id });
    await other.flags.create({ key: 'theirs.41', type: 'release', ownerId: otherStaff.id });
    await age(['rel.41', 'exp.41', 'theirs.41'], 41);
    await age(['rel.39'], 39);
    await age(['ops.8'], 8);
    await age(['ops.6'], 6);
    await age(['kill.400', 'perm.400'], 400);

    const mine = (await owner.flags.stale({ mine: true })).map((f) => f.key).sort();
    expect(mine).toEqual(['exp.41', 'ops.8', 'rel.41']);
    expect((await other.flags.stale({ ownerId: staff.id })).map((f) => f.key).sort()).toEqual(mine);
    expect((await other.flags.stale({ mine: true })).map((f) => f.key)).toEqual(['theirs.41']);
    const everyone = (await other.flags.stale({})).map((f) => f.key);
    expect(everyone).toEqual(expect.arrayContaining([...mine, 'theirs.41']));
    expect(everyone).not.toEqual(expect.arrayContaining(['kill.400']));
    expect(everyone).not.toEqual(expect.arrayContaining(['perm.400']));

    // A change is activity: the flag is no longer stale.
    await owner.flags.setEnvironment({ key: 'ops.8', environment: 'staging', enabled: true, strategies: [] });
    expect((await owner.flags.stale({ mine: true })).map((f) => f.key).sort()).toEqual(['exp.41', 'rel.41']);
  });

  it('every reader may ask; bad filters are a 400', async () => {
    const { api: support } = await app.callerAs(['support']);
    await expect(support.flags.stale({})).resolves.toEqual(expect.any(Array));
    await expect(support.flags.stale({ ownerId: 'nobody' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(support.flags.stale({ mine: true, ownerId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(support.flags.stale({ limit: 10_000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

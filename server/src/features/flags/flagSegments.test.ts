import type { Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';

/** `flags.segments.*` through createCaller on a migrated PostgreSQL: permissions, audit, revisions, the in-use refusal. */
describe('flag segments', () => {
  let app: TestApp;
  const as = async (roles: Role[]) => (await app.callerAs(roles)).api;
  const nordics = [{ contextName: 'country', operator: 'IN', values: ['NO', 'SE'] }];

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app?.close());

  it('every role lists; flags.edit creates and changes, audited with before and after; every environment gets a new revision', async () => {
    const admin = await as(['admin']);
    const before = await admin.flags.environments();
    const created = await (await as(['oncall'])).flags.segments.upsert({ name: 'nordics', constraints: nordics });
    expect(created).toMatchObject({ name: 'nordics', constraints: nordics, changed: true });
    expect(await (await as(['support'])).flags.segments.list()).toEqual([expect.objectContaining({ id: created.id, name: 'nordics', constraints: nordics })]);
    await expect((await as(['support'])).flags.segments.upsert({ name: 'nope', constraints: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const changed = await admin.flags.segments.upsert({ id: created.id, name: 'nordics', description: 'Nordic countries', constraints: [...nordics, { contextName: 'plan', operator: 'IN', values: ['pro'] }] });
    expect(changed).toMatchObject({ id: created.id, description: 'Nordic countries', changed: true });
    expect(await admin.flags.segments.upsert({ id: created.id, name: 'nordics', description: 'Nordic countries', constraints: changed.constraints })).toMatchObject({ changed: false });

    const rows = (await auditRows(app, 'flags.segment_saved')).filter((row) => row.result === 'success');
    expect(rows.map((row) => row.targetId)).toEqual([String(created.id), String(created.id), String(created.id)]);
    expect(rows[0]).toMatchObject({ targetType: 'flag_segment', before: null, after: { name: 'nordics' } });
    expect(rows[1]).toMatchObject({ before: { description: '' }, after: { description: 'Nordic countries' } });
    const after = await admin.flags.environments();
    for (const env of after) expect(env.revision).toBe(before.find((e) => e.name === env.name)!.revision + 2);
  });

  it('refuses a duplicate name (409), an unknown id (404) and hostile input (400)', async () => {
    const admin = await as(['admin']);
    await admin.flags.segments.upsert({ name: 'dupe', constraints: [] });
    await expect(admin.flags.segments.upsert({ name: 'dupe', constraints: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await admin.flags.segments.upsert({ name: 'other', constraints: [] });
    await expect(admin.flags.segments.upsert({ id: other.id, name: 'dupe', constraints: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin.flags.segments.upsert({ id: 999_999, name: 'ghost', constraints: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const input of [{ name: ' spaced', constraints: [] }, { name: 'x', constraints: [{ contextName: '', operator: 'IN' }] }, { name: 'x', constraints: [], extra: 1 }, { id: -1, name: 'x', constraints: [] }]) {
      await expect(admin.flags.segments.upsert(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(admin.flags.segments.delete({ id: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('deleting a segment a strategy uses is a 409 naming the flags; unused, it is deleted and audited', async () => {
    const admin = await as(['admin']);
    const segment = await admin.flags.segments.upsert({ name: 'in-use', constraints: nordics });
    await admin.flags.create({ key: 'segmented.flag', type: 'release' });
    await admin.flags.setEnvironment({ key: 'segmented.flag', environment: 'staging', enabled: true, strategies: [{ name: 'default' }, { name: 'default', segments: [segment.id] }] });
    await expect(admin.flags.segments.delete({ id: segment.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('segmented.flag (staging)') });
    expect((await admin.flags.segments.list()).map((s) => s.id)).toContain(segment.id);

    await admin.flags.setEnvironment({ key: 'segmented.flag', environment: 'staging', enabled: true, strategies: [{ name: 'default' }] });
    await expect(admin.flags.segments.delete({ id: segment.id })).resolves.toEqual({ id: segment.id, deleted: true });
    expect((await admin.flags.segments.list()).map((s) => s.id)).not.toContain(segment.id);
    expect((await auditRows(app, 'flags.segment_deleted')).filter((row) => row.result === 'success')).toEqual([
      expect.objectContaining({ targetId: String(segment.id), before: expect.objectContaining({ name: 'in-use' }), after: null }),
    ]);
    await expect(admin.flags.segments.delete({ id: segment.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

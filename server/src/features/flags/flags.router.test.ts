import { sql } from 'kysely';
import type { Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hostileString } from '../../testing/hostileValues.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';

/**
 * The flags router against a migrated PostgreSQL through createCaller: permissions per
 * role, the production gate, audit rows carrying before and after, revisions, the stale
 * rule, keys shown once and stored hashed, and hostile input refused with a 4xx.
 */
describe('flags router', () => {
  let app: TestApp;
  const as = async (roles: Role[]) => (await app.callerAs(roles)).api;
  const rollout = (percent: number) => [{ name: 'flexibleRollout', parameters: { rollout: String(percent), stickiness: 'userId' }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }];

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app?.close());

  it('every role reads; only oncall and admin create; support is refused and the refusal audited', async () => {
    const admin = await as(['admin']);
    await admin.flags.create({ key: 'read.me', type: 'release', description: 'A test flag' });
    for (const role of ['support', 'moderator', 'finance', 'oncall', 'admin'] as Role[]) {
      const api = await as([role]);
      await expect(api.flags.get({ key: 'read.me' })).resolves.toMatchObject({ key: 'read.me', environments: expect.arrayContaining([expect.objectContaining({ environment: 'production', enabled: false })]) });
    }
    await expect((await as(['support'])).flags.create({ key: 'nope', type: 'release' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await as(['oncall'])).flags.create({ key: 'oncall.made', type: 'operational' })).resolves.toMatchObject({ key: 'oncall.made' });
    const denied = (await auditRows(app, 'flags.created')).filter((row) => row.result === 'denied');
    expect(denied).toHaveLength(1);
  });

  it('anyone who reads flags gets the owner choices (active staff only); plans are empty without a product', async () => {
    const support = await as(['support']);
    const disabled = await app.db.insertInto('ops.staff').values({ email: 'gone.owner@opsdesk.test', name: 'Gone Owner', roles: ['support'], passwordHash: 'x', status: 'disabled' }).returning('id').executeTakeFirstOrThrow();
    const owners = await support.flags.owners();
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.map((o) => o.id)).not.toContain(disabled.id);
    // No product tables here: no plans to offer, and no error (flagImpact.test.ts reads them from a product).
    expect(await support.flags.plans()).toEqual([]);
  });

  it('oncall changes staging but not production; admin changes production; each change audited with its diff and a new revision', async () => {
    const oncall = await as(['oncall']);
    const admin = await as(['admin']);
    await admin.flags.create({ key: 'checkout.new', type: 'release' });
    const before = await admin.flags.environments();
    const staging = await oncall.flags.setEnvironment({ key: 'checkout.new', environment: 'staging', enabled: true, strategies: rollout(10) });
    expect(staging).toMatchObject({ enabled: true, changed: true, revision: before.find((e) => e.name === 'staging')!.revision + 1 });

    await expect(oncall.flags.setEnvironment({ key: 'checkout.new', environment: 'production', enabled: true, strategies: rollout(10) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const refused = (await auditRows(app, 'flags.environment_changed')).filter((row) => row.result === 'denied');
    expect(refused.at(-1)?.error).toContain('flags.editProduction');
    expect((await admin.flags.get({ key: 'checkout.new' })).environments.find((e) => e.environment === 'production')).toMatchObject({ enabled: false, strategies: [] });

    await admin.flags.setEnvironment({ key: 'checkout.new', environment: 'production', enabled: true, strategies: rollout(10) });
    await admin.flags.setEnvironment({ key: 'checkout.new', environment: 'production', enabled: true, strategies: rollout(50) });
    const rows = (await auditRows(app, 'flags.environment_changed')).filter((row) => row.result === 'success' && row.targetId === 'checkout.new@production');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.before).toMatchObject({ enabled: true, strategies: [{ parameters: { rollout: '10' } }] });
    expect(rows[1]!.after).toMatchObject({ enabled: true, strategies: [{ parameters: { rollout: '50' } }] });
    const after = await admin.flags.environments();
    expect(after.find((e) => e.name === 'production')!.revision).toBe(before.find((e) => e.name === 'production')!.revision + 2);
  });

  it('a change against an old revision is a conflict, and the same change twice changes nothing the second time', async () => {
    const admin = await as(['admin']);
    await admin.flags.create({ key: 'stale.edit', type: 'experiment' });
    const revision = (await admin.flags.environments()).find((e) => e.name === 'development')!.revision;
    const change = { key: 'stale.edit', environment: 'development', enabled: true, strategies: [{ name: 'default' }] };
    await expect(admin.flags.setEnvironment({ ...change, expectedRevision: revision })).resolves.toMatchObject({ changed: true });
    await expect(admin.flags.setEnvironment({ ...change, expectedRevision: revision })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin.flags.setEnvironment(change)).resolves.toMatchObject({ changed: false, revision: revision + 1 });
  });

  it('lists with filters: type, owner, environment state, stale per type (kill-switch never)', async () => {
    const { staff: owner, api: admin } = await app.callerAs(['admin']);
    for (const [key, type] of [['old.release', 'release'], ['old.ops', 'operational'], ['young.ops', 'operational'], ['old.kill', 'kill-switch']] as const) {
      await admin.flags.create({ key, type, ownerId: owner.id });
    }
    await admin.flags.setEnvironment({ key: 'young.ops', environment: 'production', enabled: true, strategies: [] });
    await app.db.updateTable('ops.flags').set({ updatedAt: sql`now() - interval '41 days'` as never }).where('key', 'in', ['old.release', 'old.kill']).execute();
    await app.db.updateTable('ops.flags').set({ updatedAt: sql`now() - interval '8 days'` as never }).where('key', '=', 'old.ops').execute();

    const stale = (await admin.flags.list({ ownerId: owner.id, stale: true })).map((f) => f.key);
    expect(stale.sort()).toEqual(['old.ops', 'old.release']);
    expect((await admin.flags.list({ ownerId: owner.id, stale: false })).map((f) => f.key).sort()).toEqual(['old.kill', 'young.ops']);
    expect((await admin.flags.list({ ownerId: owner.id, type: 'operational' })).map((f) => f.key).sort()).toEqual(['old.ops', 'young.ops']);
    expect((await admin.flags.list({ ownerId: owner.id, environment: 'production', state: 'on' })).map((f) => f.key)).toEqual(['young.ops']);
    expect((await admin.flags.list({ ownerId: owner.id, environment: 'production', state: 'off' }))).toHaveLength(3);
  });

  it('updates metadata and archives, audited with before and after; archived flags leave the list', async () => {
    const admin = await as(['admin']);
    await admin.flags.create({ key: 'meta.flag', type: 'release', tags: ['checkout'] });
    await admin.flags.update({ key: 'meta.flag', type: 'permission', description: 'Now a permission' });
    const row = (await auditRows(app, 'flags.updated')).at(-1)!;
    expect(row).toMatchObject({ result: 'success', targetId: 'meta.flag', before: expect.objectContaining({ type: 'release' }), after: expect.objectContaining({ type: 'permission', description: 'Now a permission' }) });
    await admin.flags.archive({ key: 'meta.flag' });
    await expect(admin.flags.archive({ key: 'meta.flag' })).resolves.toMatchObject({ changed: false });
    expect((await admin.flags.list({ search: 'meta.flag' })).map((f) => f.key)).toEqual([]);
    await expect(admin.flags.setEnvironment({ key: 'meta.flag', environment: 'staging', enabled: true, strategies: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('API keys: admins only; the secret is answered once, stored as its sha-256, audited without it; revoke is audited and idempotent', async () => {
    await expect((await as(['oncall'])).flags.keys.create({ environment: 'production', name: 'web' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await as(['oncall'])).flags.keys.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await as(['admin']);
    const created = await admin.flags.keys.create({ environment: 'production', name: 'web' });
    expect(created.secret).toMatch(/^opsdesk_production_[\w-]{43}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    const listed = await admin.flags.keys.list();
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const stored = await app.db.selectFrom('ops.flagApiKeys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(created.secret.slice(-20));
    const audit = (await auditRows(app, 'flags.key_created')).filter((r) => r.result === 'success');
    expect(JSON.stringify(audit)).not.toContain(created.secret.slice(-20));
    await expect(admin.flags.keys.revoke({ id: created.id })).resolves.toMatchObject({ alreadyRevoked: false });
    await expect(admin.flags.keys.revoke({ id: created.id })).resolves.toMatchObject({ alreadyRevoked: true });
    expect((await auditRows(app, 'flags.key_revoked')).filter((r) => r.result === 'success')).toHaveLength(2);
    await expect(admin.flags.keys.create({ environment: 'nowhere', name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('hostile input is a 4xx: bad keys, strategies, environments and owners', async () => {
    const admin = await as(['admin']);
    for (const key of fc.sample(hostileString, { numRuns: 40, seed: 12 })) {
      await admin.flags.get({ key }).catch((error: { code: string }) => expect(['BAD_REQUEST', 'NOT_FOUND']).toContain(error.code));
    }
    await admin.flags.create({ key: 'hostile.target', type: 'release' });
    const bad: unknown[] = [
      { key: 'hostile.target', environment: 'production', enabled: true, strategies: [{ name: 'default', extra: 1 }] },
      { key: 'hostile.target', environment: 'Production; drop table', enabled: true, strategies: [] },
      { key: 'hostile.target', environment: 'production', enabled: 'yes', strategies: [] },
      { key: 'hostile.target', environment: 'production', enabled: true, strategies: Array.from({ length: 51 }, () => ({ name: 'default' })) },
      { key: 'hostile.target', environment: 'production', enabled: true, strategies: [], variants: Array.from({ length: 80 }, (_, i) => ({ name: `v${i}`, weight: 1, payload: { type: 'string', value: 'x'.repeat(2_000) } })) },
    ];
    for (const input of bad) await expect(admin.flags.setEnvironment(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.flags.setEnvironment({ key: 'hostile.target', environment: 'qa', enabled: true, strategies: [] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.flags.create({ key: 'owned', type: 'release', ownerId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.flags.create({ key: 'hostile.target', type: 'release' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin.flags.create({ key: 'typed', type: 'banana' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleset, isEnabled } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/runCli.js';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';

/** `npm run flags -- keys …` as a real process against a real database, as an operator runs it. */
describe('flags CLI: keys', () => {
  let app: TestApp;
  let url: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-flags-cli-'));
  const cli = (args: string[]) => runCli('flags.cli.ts', args, { DATABASE_URL: app.database.url, AUDIT_ANCHOR_FILE: path.join(dir, 'anchors.jsonl') });
  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen({ connectWebhooks: false });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a key that reads its environment, lists it without the secret, revokes it; each change audited as the CLI', async () => {
    const created = await cli(['keys', 'create', '--environment', 'staging', '--name', 'worker']);
    expect(created).not.toHaveProperty('failed');
    const secret = /Secret \(shown once\): (\S+)/.exec(created.stdout)![1]!;
    const id = /Created key (\S+)/.exec(created.stdout)![1]!;
    expect((await fetch(`${url}/api/client/features`, { headers: { authorization: secret } })).status).toBe(200);

    const listed = await cli(['keys', 'list']);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('staging');
    expect(listed.stdout).not.toContain(secret);

    expect((await cli(['keys', 'revoke', id])).stdout).toContain(`Revoked key ${id}`);
    expect((await fetch(`${url}/api/client/features`, { headers: { authorization: secret } })).status).toBe(401);
    expect((await cli(['keys', 'list'])).stdout).toContain('No API keys.');
    expect((await cli(['keys', 'list', '--all'])).stdout).toContain('revoked');

    for (const action of ['flags.key_created', 'flags.key_revoked']) {
      const [row] = await auditRows(app, action);
      expect(row).toMatchObject({ actorId: null, actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-flags-cli', result: 'success', targetId: id });
      expect(JSON.stringify(row)).not.toContain(secret.slice(-20));
    }
  }, 60_000);

  it("exports an environment as Unleash's client-API document", async () => {
    const admin = (await app.callerAs(['admin'])).api;
    await admin.flags.create({ key: 'exported.flag', type: 'release' });
    await admin.flags.setEnvironment({ key: 'exported.flag', environment: 'production', enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: 'u-1' } }] });
    const exported = await cli(['export', '--environment', 'production']);
    expect(exported).not.toHaveProperty('failed');
    const document = JSON.parse(exported.stdout);
    expect(document).toMatchObject({ version: 2, features: [{ name: 'exported.flag', enabled: true }] });
    const compiled = compileRuleset(document);
    expect(isEnabled(compiled, 'exported.flag', { userId: 'u-1' })).toBe(true);
    expect(isEnabled(compiled, 'exported.flag', { userId: 'u-2' })).toBe(false);
    expect(await cli(['export', '--environment', 'nowhere'])).toMatchObject({ failed: true, code: 1 });
  }, 60_000);

  it('refuses an unknown environment or a malformed id with the reason and a non-zero exit', async () => {
    const unknown = await cli(['keys', 'create', '--environment', 'qa', '--name', 'x']);
    expect(unknown).toMatchObject({ failed: true, code: 1 });
    expect((unknown as { stderr: string }).stderr).toContain('There is no environment "qa"');
    const malformed = await cli(['keys', 'revoke', 'not-a-uuid']);
    expect(malformed).toMatchObject({ failed: true, code: 1 });
    expect((malformed as { stderr: string }).stderr).toContain('id:');
  }, 60_000);
});

const UNLEASH_FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'unleash-export.json');

/** `npm run flags -- import …`: both shapes, dry run, idempotence, and export → import → export. */
describe('flags CLI: import', () => {
  let source: TestApp;
  let target: TestApp;
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-flags-import-'));
  const cliOn = (app: TestApp, args: string[]) => runCli('flags.cli.ts', args, { DATABASE_URL: app.database.url, AUDIT_ANCHOR_FILE: path.join(dir, `${app.database.url.split('/').pop()}.jsonl`) });
  beforeAll(async () => {
    [source, target] = await Promise.all([createTestApp(), createTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an Unleash export (dry run first): types, segments with new ids, dependencies, tags; archived flags skipped; audited as the CLI; twice changes nothing', async () => {
    // A segment already holding the file's id 1 moves the imported one to another.
    const admin = (await source.callerAs(['admin'])).api;
    await admin.flags.segments.upsert({ name: 'existing', constraints: [] });

    const dry = await cliOn(source, ['import', UNLEASH_FIXTURE, '--environment', 'production', '--dry-run']);
    expect(dry).not.toHaveProperty('failed');
    expect(dry.stdout).toContain('(dry run) created checkout.v2');
    expect(dry.stdout).toMatch(/Dry run \(nothing written\): 4 would change/);
    expect(await admin.flags.list({})).toEqual([]);
    expect(await auditRows(source, 'flags.imported')).toEqual([]);

    const imported = await cliOn(source, ['import', UNLEASH_FIXTURE, '--environment', 'production']);
    expect(imported).not.toHaveProperty('failed');
    expect(imported.stdout).toContain('4 changed, 0 unchanged');
    expect(imported.stderr).toContain('old.banner: archived in Unleash; not imported.');
    expect(imported.stderr).toContain('tag "simple:on call" is not an Opsdesk tag');

    const segments = await admin.flags.segments.list();
    const nordics = segments.find((segment) => segment.name === 'nordics')!;
    expect(nordics.id).not.toBe(1);
    const checkout = await admin.flags.get({ key: 'checkout.v2' });
    expect(checkout).toMatchObject({ type: 'release', tags: ['simple:payments'] });
    const production = checkout.environments.find((env) => env.environment === 'production')!;
    expect(production).toMatchObject({ enabled: true });
    expect(production.strategies.map((strategy) => [strategy.name, strategy.segments])).toEqual([['flexibleRollout', [nordics.id]], ['userWithId', undefined]]);
    expect(await admin.flags.get({ key: 'checkout.v2.upsell' })).toMatchObject({ type: 'experiment', dependencies: [{ feature: 'checkout.v2', enabled: true }] });
    expect(await admin.flags.get({ key: 'payments.kill' })).toMatchObject({ type: 'kill-switch' });
    await expect(admin.flags.get({ key: 'old.banner' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const rows = await auditRows(source, 'flags.imported');
    expect(rows.map((row) => row.targetId).sort()).toEqual(['checkout.v2.upsell@production', 'checkout.v2@production', 'payments.kill@production']);
    expect(rows[0]).toMatchObject({ actorId: null, actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-flags-cli', result: 'success', before: null });
    expect(await auditRows(source, 'flags.segment_imported')).toHaveLength(1);

    // Served as Unleash serves it: the dependency is in the client API, and the evaluator honours it.
    const ruleset = JSON.parse((await cliOn(source, ['export', '--environment', 'production'])).stdout);
    const compiled = compileRuleset(ruleset);
    expect(isEnabled(compiled, 'checkout.v2', { userId: 'u-1' })).toBe(true);
    expect(isEnabled(compiled, 'checkout.v2.upsell', { userId: 'u-1' })).toBe(true);
    expect(isEnabled(compiled, 'checkout.v2.upsell', { userId: 'u-9', properties: { plan: 'free', country: 'DE' } })).toBe(false);

    const again = await cliOn(source, ['import', UNLEASH_FIXTURE, '--environment', 'production']);
    expect(again.stdout).toContain('0 changed, 4 unchanged');
    expect(await auditRows(source, 'flags.imported')).toHaveLength(3);
  }, 90_000);

  it('export → import into a fresh database → export gives the same document, and importing it again changes nothing', async () => {
    const exported = await cliOn(source, ['export', '--environment', 'production', '--out', path.join(dir, 'production.json')]);
    expect(exported).not.toHaveProperty('failed');
    const first = await cliOn(target, ['import', path.join(dir, 'production.json'), '--environment', 'production']);
    expect(first).not.toHaveProperty('failed');
    expect(first.stdout).toMatch(/[1-9]\d* changed/);
    const original = JSON.parse((await cliOn(source, ['export', '--environment', 'production'])).stdout);
    const copy = JSON.parse((await cliOn(target, ['export', '--environment', 'production'])).stdout);
    expect(copy).toEqual(original);
    expect((await cliOn(target, ['import', path.join(dir, 'production.json'), '--environment', 'production'])).stdout).toContain('0 changed');
  }, 90_000);

  it('refuses a malformed file, an unknown segment or parent, and an unknown environment, writing nothing', async () => {
    const write = (name: string, body: unknown) => {
      const file = path.join(dir, name);
      writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
      return file;
    };
    const cases: Array<[string, string, string]> = [
      [write('garbage.json', '{not json'), 'production', 'as JSON'],
      [write('array.json', [1, 2]), 'production', 'not a JSON object'],
      [write('strict.json', { features: [{ name: 'a', enabled: true, extra: 1 }] }), 'production', 'features.0'],
      [write('segment.json', { features: [{ name: 'a', enabled: true, strategies: [{ name: 'default', segments: [99] }] }] }), 'production', 'segment 99'],
      [write('parent.json', { features: [{ name: 'a', enabled: true, dependencies: [{ feature: 'nowhere' }] }] }), 'production', '"nowhere"'],
      [write('ok.json', { features: [{ name: 'a', enabled: true }] }), 'qa', 'There is no environment "qa"'],
    ];
    for (const [file, environment, message] of cases) {
      const result = await cliOn(target, ['import', file, '--environment', environment]);
      expect(result, file).toMatchObject({ failed: true, code: 1 });
      expect(result.stderr, file).toContain(message);
    }
    expect((await (await target.callerAs(['admin'])).api.flags.list({})).map((flag) => flag.key)).not.toContain('a');
  }, 90_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

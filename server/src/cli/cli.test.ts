import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAuditAnchor } from '../features/audit/audit.anchor.js';
import { migrateReferenceProductSchema } from '../features/demo/appSchema/migrateReferenceProductSchema.js';
import { runCli } from '../testing/runCli.js';
import { createTestApp, type TestApp } from '../testing/testApp.js';


/** The CLIs run as real processes against a real database, as an operator would run them. */
describe('operator CLIs', () => {
  let app: TestApp;
  // Each run its own anchor file: the default one, under .opsdesk, belongs to the demo.
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-cli-'));
  const anchorFile = path.join(dir, 'audit-anchors.jsonl');
  const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
    runCli(script, args, { DATABASE_URL: app.database.url, AUDIT_ANCHOR_FILE: anchorFile, ...env });
  beforeAll(async () => (app = await createTestApp()));
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an admin who can sign in with the printed password, audited as the CLI', async () => {
    const { stdout } = await cli('staff.cli.ts', ['create', '--email', 'Root@Example.test', '--name', 'Root', '--role', 'admin', 'finance']);
    expect(stdout).toContain('Created root@example.test (admin, finance)');
    const password = /Initial password: (\S+)/.exec(stdout)![1]!;
    await expect(app.caller().auth.login({ email: 'root@example.test', password })).resolves.toMatchObject({ status: 'ok', staff: { roles: ['admin', 'finance'] } });
    const row = await app.db.selectFrom('ops.auditLog').selectAll().where('action', '=', 'staff.created').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: null, actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-staff-cli' });
  });

  it('refuses bad input with the reason and a non-zero exit', async () => {
    const result = await cli('staff.cli.ts', ['create', '--email', 'not-an-email', '--role', 'admin']);
    expect(result).toMatchObject({ failed: true, code: 1 });
    expect((result as { stderr: string }).stderr).toContain('email: Enter a valid email address');
  });

  it('resets a password and disables an account', async () => {
    const member = await app.createStaff(['support'], { email: 'member@example.test' });
    await cli('staff.cli.ts', ['reset-password', '--email', member.email, '--password', 'operator chosen password']);
    await expect(app.caller().auth.login({ email: member.email, password: 'operator chosen password' })).resolves.toMatchObject({ status: 'ok' });
    const { stdout } = await cli('staff.cli.ts', ['disable', '--email', member.email, '--reason', 'left the company']);
    expect(stdout).toContain('member@example.test is now disabled');
    await expect(app.caller().auth.login({ email: member.email, password: 'operator chosen password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('seed --reset empties the demo data, audited as the CLI, and builds the company again', async () => {
    await migrateReferenceProductSchema(app.db);
    await app.db.insertInto('app.users').values({ email: 'earlier-demo@example.test', name: 'Earlier demo' }).execute();
    const { stdout } = await cli('../features/demo/seed.cli.ts', ['--users', '20', '--months', '1', '--reset'], { STRIPE_EMULATOR_PORT: '0', OPSDESK_DATA_DIR: dir });
    expect(stdout).toContain('--reset: emptying the demo company (app.*, the billing mirror and the staff work about it)');
    expect(stdout).toContain('Demo company ready');
    const users = await app.db.selectFrom('app.users').select('email').execute();
    expect(users).toHaveLength(20);
    expect(users.map((u) => u.email)).not.toContain('earlier-demo@example.test');
    const row = await app.db.selectFrom('ops.auditLog').selectAll().where('action', '=', 'demo.data_reset').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: null, actorEmail: expect.stringMatching(/^cli:/), userAgent: 'opsdesk-seed-cli', result: 'success', reason: 'run with seed --reset' });
  }, 60_000);

  it('audit:verify checks the published anchors and seals with the keys in AUDIT_CHAIN_KEYS', async () => {
    const published = path.join(dir, 'published-anchors.jsonl');
    await cli('staff.cli.ts', ['create', '--email', 'anchored@example.test', '--name', 'Anchored', '--role', 'support']);
    await publishAuditAnchor(app.db, published);
    expect((await cli('auditVerify.cli.ts', [], { AUDIT_ANCHOR_FILE: published })).stdout).toMatch(/Audit log intact: \d+ rows verified, 1 published anchors matched/);
    // The rows were sealed with the demo key: a configuration without it cannot vouch for them.
    const withOtherKey = await cli('auditVerify.cli.ts', [], { AUDIT_CHAIN_KEYS: `other:${'x'.repeat(40)}` });
    expect(withOtherKey).toMatchObject({ failed: true, code: 1 });
    expect((withOtherKey as { stderr: string }).stderr).toMatch(/Audit log BROKEN at row \d+: it is sealed with an unknown key "demo"/);
  });

  it('audit:verify passes on an intact log and names the first broken row after tampering', async () => {
    expect((await cli('auditVerify.cli.ts', [])).stdout).toMatch(/Audit log intact: \d+ rows verified, no anchor file at .*, anchors not checked/);
    const first = await app.db.selectFrom('ops.auditLog').select('id').orderBy('id').executeTakeFirstOrThrow();
    await app.database.superuserQuery(`set session_replication_role = replica; update ops.audit_log set reason = 'forged' where id = ${first.id}`);
    const result = await cli('auditVerify.cli.ts', []);
    expect(result).toMatchObject({ failed: true, code: 1 });
    expect((result as { stderr: string }).stderr).toContain(`Audit log BROKEN at row ${first.id}`);
  });
});

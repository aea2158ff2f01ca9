import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/runCli.js';
import { createTestApp, type TestApp } from '../testing/testApp.js';


/** The CLIs run as real processes against a real database, as an operator would run them. */
describe('operator CLIs', () => {
  let app: TestApp;
  const cli = (script: string, args: string[]) => runCli(script, args, { DATABASE_URL: app.database.url });
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

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

  it('audit:verify passes on an intact log and names the first broken row after tampering', async () => {
    expect((await cli('auditVerify.cli.ts', [])).stdout).toMatch(/Audit log intact: \d+ rows verified/);
    const first = await app.db.selectFrom('ops.auditLog').select('id').orderBy('id').executeTakeFirstOrThrow();
    await app.database.superuserQuery(`set session_replication_role = replica; update ops.audit_log set reason = 'forged' where id = ${first.id}`);
    const result = await cli('auditVerify.cli.ts', []);
    expect(result).toMatchObject({ failed: true, code: 1 });
    expect((result as { stderr: string }).stderr).toContain(`Audit log BROKEN at row ${first.id}`);
  });
});

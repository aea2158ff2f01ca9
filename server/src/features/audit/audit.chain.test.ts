import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { verifyAuditChain } from './audit.verify.js';

describe('tamper-evident audit log', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    const admin = await app.callerAs(['admin']);
    for (let i = 0; i < 5; i++) await admin.api.staff.create({ email: `m${i}@example.test`, name: `Member ${i}`, roles: ['support'], password: 'a long enough password' });
  });
  afterEach(() => app.close());

  const ids = async () => (await app.db.selectFrom('ops.auditLog').select('id').orderBy('id').execute()).map((r) => r.id);

  /** Tampering needs the append-only trigger out of the way: only a superuser can do that. */
  const asTamperingSuperuser = (statement: string) => app.database.superuserQuery(`set session_replication_role = replica; ${statement}`);

  it('verifies an untouched chain', async () => {
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even for the table’s owner', async () => {
    await expect(sql`update ops.audit_log set reason = 'edited'`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ops.audit_log`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate ops.audit_log`.execute(app.db)).rejects.toThrow(/append-only/);
  });

  it('finds a modified row', async () => {
    const target = (await ids())[2]!;
    await asTamperingSuperuser(`update ops.audit_log set after = jsonb_set(after, '{roles}', '["admin"]') where id = ${target}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: target, problem: expect.stringMatching(/modified/) });
  });

  it('finds a removed row at the next link', async () => {
    const all = await ids();
    await asTamperingSuperuser(`delete from ops.audit_log where id = ${all[1]}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, brokenAtId: all[2] });
  });

  it('finds rows cut off the end of the log', async () => {
    const all = await ids();
    await asTamperingSuperuser(`delete from ops.audit_log where id = ${all.at(-1)}`);
    await expect(verifyAuditChain(app.db)).resolves.toMatchObject({ ok: false, problem: expect.stringMatching(/removed from the end/) });
  });

  it('keeps the chain intact under concurrent audited mutations', async () => {
    const admin = await app.callerAs(['admin']);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => admin.api.staff.create({ email: `c${i}@example.test`, name: `C ${i}`, roles: ['support'], password: 'a long enough password' })),
    );
    await expect(verifyAuditChain(app.db)).resolves.toEqual({ ok: true, rowsChecked: 25 });
  });
});

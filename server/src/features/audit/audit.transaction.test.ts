import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';

/** The audit row and the change it describes commit together or not at all. */
describe('audit row in the mutation’s transaction', () => {
  let app: TestApp;
  beforeEach(async () => (app = await createTestApp()));
  afterEach(() => app.close());

  it('rolls the change back when the audit insert fails', async () => {
    const admin = await app.callerAs(['admin']);
    // Make the audit insert itself fail for this action (as the database owner would).
    await app.database.superuserQuery(`alter table ops.audit_log add constraint refuse_staff_created check (action <> 'staff.created')`);
    await expect(admin.api.staff.create({ email: 'ghost@example.test', name: 'Ghost', roles: ['support'], password: 'a long enough password' })).rejects.toThrow();
    const ghost = await app.db.selectFrom('ops.staff').select('id').where('email', '=', 'ghost@example.test').executeTakeFirst();
    expect(ghost).toBeUndefined();
  });

  it('writes no success row when the change fails part-way, and records the failed attempt', async () => {
    const admin = await app.callerAs(['admin']);
    const member = await app.createStaff(['support']);
    // disable = update the staff row, then revoke sessions; make the second step fail.
    await app.database.superuserQuery(`
      create function ops.fail_revocation() returns trigger language plpgsql as $$ begin raise exception 'revocation failed'; end $$;
      create trigger fail_revocation before update on ops.staff_sessions for each row execute function ops.fail_revocation();`);
    await app.openSession(member.id);
    await expect(admin.api.staff.disable({ id: member.id, reason: 'should not stick' })).rejects.toThrow();

    const after = await app.db.selectFrom('ops.staff').select('status').where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('active');
    const rows = await auditRows(app, 'staff.disabled');
    expect(rows.map((r) => r.result)).toEqual(['failure']);
    expect(rows[0]!.error).toContain('revocation failed');
  });

  it('does not audit input that failed validation (nothing was attempted)', async () => {
    const admin = await app.callerAs(['admin']);
    await expect(admin.api.staff.create({ email: 'bad', name: '', roles: [], password: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await auditRows(app, 'staff.created')).toEqual([]);
  });
});

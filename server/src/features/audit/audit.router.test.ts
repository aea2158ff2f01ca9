import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { publishAuditAnchor } from './audit.anchor.js';

describe('audit.verify (the console’s "Verify integrity")', () => {
  let app: TestApp;
  let dir: string;
  let anchorFile: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-anchors-'));
    anchorFile = path.join(dir, 'audit-anchors.jsonl');
    app = await createTestApp({ AUDIT_ANCHOR_FILE: anchorFile });
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the log against this server’s anchor file', async () => {
    const admin = await app.callerAs(['admin']);
    for (const i of [1, 2, 3]) await admin.api.staff.create({ email: `v${i}@example.test`, name: `V ${i}`, roles: ['support'], password: 'a long enough password' });
    await publishAuditAnchor(app.db, anchorFile);
    await expect(admin.api.audit.verify()).resolves.toEqual({ ok: true, rowsChecked: 3, anchorsChecked: 1 });

    const [, second, third] = (await app.db.selectFrom('ops.auditLog').select('id').orderBy('id').execute()).map((r) => r.id);
    await app.database.superuserQuery(
      `set session_replication_role = replica; delete from ops.audit_log where id = ${third};
       update ops.audit_chain_head set last_id = ${second}, last_hash = (select hash from ops.audit_log where id = ${second})`,
    );
    await expect(admin.api.audit.verify()).resolves.toMatchObject({ ok: false, brokenAtId: third, problem: expect.stringMatching(/removed from the end/) });
  });
});

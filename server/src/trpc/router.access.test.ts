import { TRPCError } from '@trpc/server';
import { isAllowed, PUBLIC, ROLES, type Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/testApp.js';
import { listProcedures } from './procedureCatalog.js';

/**
 * Calls every procedure as an anonymous caller and as every role, and checks the
 * answer against the shared permission table: 401 anonymous, 403 wrong role, and for
 * allowed callers anything but 401/403 (usually a 400 for the missing input, which
 * proves the call got past authorization). Covers procedures added later unedited.
 */
const procedures = listProcedures().map((p) => [p.path, p] as const);

async function errorCodeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

function callByPath(api: unknown, path: string): () => Promise<unknown> {
  const fn = path.split('.').reduce((node: any, key) => node[key], api) as (input?: unknown) => Promise<unknown>;
  return () => fn(undefined);
}

describe('access control over the whole router', () => {
  let app: TestApp;
  const staffIds = new Map<Role, string>();

  beforeAll(async () => {
    app = await createTestApp();
    for (const role of ROLES) staffIds.set(role, (await app.createStaff([role])).id);
  });
  afterAll(() => app.close());

  it.each(procedures)('%s', async (path, procedure) => {
    const rule = procedure.meta!.permission!;
    const anonymous = await errorCodeOf(callByPath(app.caller(), path));
    if (rule === PUBLIC) expect(anonymous).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
    else expect(anonymous).toBe('UNAUTHORIZED');

    for (const role of ROLES) {
      // A fresh session per call: some allowed calls (logout) end the session they use.
      const sessionToken = await app.openSession(staffIds.get(role)!);
      const code = await errorCodeOf(callByPath(app.caller({ sessionToken }), path));
      if (isAllowed(rule, [role])) expect(code, `${role} should be allowed`).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
      else expect(code, `${role} should be refused`).toBe('FORBIDDEN');
    }
  });

  it('records refused mutations on the audit log as denied', async () => {
    const { api, staff } = await app.callerAs(['support']);
    await expect(api.staff.create({ email: 'x@example.test', name: 'X', roles: ['admin'], password: 'long enough password' })).rejects.toThrow(/permission/);
    const denied = await app.db.selectFrom('ops.auditLog').selectAll().where('actorId', '=', staff.id).where('result', '=', 'denied').execute();
    expect(denied.map((row) => row.action)).toEqual(['staff.created']);
  });
});

import { randomUUID } from 'node:crypto';
import type { Role } from '@opsdesk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAuditEntry } from '../audit/audit.queries.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';

/** `flags.history`: a flag's audited changes (the flag and each environment), newest first, keyset-paged, with actor and approver. */
describe('flag history', () => {
  let app: TestApp;
  const as = (roles: Role[]) => app.callerAs(roles);

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app?.close());

  it('lists flag-level and environment changes newest first, pages without gaps or repeats, and filters by environment', async () => {
    const { api: admin, staff } = await as(['admin']);
    await admin.flags.create({ key: 'history.flag', type: 'release' });
    await admin.flags.create({ key: 'history.flag.other', type: 'release' });
    await admin.flags.update({ key: 'history.flag', description: 'Now described' });
    await admin.flags.setEnvironment({ key: 'history.flag', environment: 'staging', enabled: true, strategies: [{ name: 'default' }] });
    await admin.flags.setEnvironment({ key: 'history.flag', environment: 'production', enabled: true, strategies: [{ name: 'default' }] });
    await admin.flags.setEnvironment({ key: 'history.flag.other', environment: 'production', enabled: true, strategies: [{ name: 'default' }] });
    // A refused change is not history.
    await expect((await as(['oncall'])).api.flags.setEnvironment({ key: 'history.flag', environment: 'production', enabled: false, strategies: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const reader = (await as(['support'])).api;
    const all = await reader.flags.history({ key: 'history.flag' });
    expect(all.entries.map((entry) => [entry.action, entry.environment])).toEqual([
      ['flags.environment_changed', 'production'],
      ['flags.environment_changed', 'staging'],
      ['flags.updated', null],
      ['flags.created', null],
    ]);
    expect(all.entries[0]).toMatchObject({ actor: { email: staff.email, name: staff.name }, approver: null, before: { enabled: false }, after: { enabled: true } });
    expect(all.entries[2]).toMatchObject({ before: { description: '' }, after: { description: 'Now described' } });
    expect(all.nextCursor).toBeNull();

    const first = await reader.flags.history({ key: 'history.flag', limit: 3 });
    expect(first.entries).toHaveLength(3);
    const second = await reader.flags.history({ key: 'history.flag', limit: 3, cursor: first.nextCursor! });
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(all.entries.map((entry) => entry.id));
    expect(second.nextCursor).toBeNull();

    expect((await reader.flags.history({ key: 'history.flag', environment: 'staging' })).entries.map((entry) => entry.environment)).toEqual(['staging']);
    await expect(reader.flags.history({ key: 'history.flag', cursor: 'drop table' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(reader.flags.history({ key: 'history.flag', limit: 1000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('names the approver of a change that went through a request', async () => {
    const requester = await as(['oncall']);
    const approver = await as(['admin']);
    await approver.api.flags.create({ key: 'approved.flag', type: 'kill-switch' });
    const requestId = randomUUID();
    await app.db
      .insertInto('ops.actionRequests')
      .values({ id: requestId, action: 'flags.change', idempotencyKey: randomUUID(), requesterId: requester.staff.id, targetType: 'flag', targetId: 'approved.flag@production', input: JSON.stringify({}), status: 'succeeded', approverId: approver.staff.id } as never)
      .execute();
    // The row an approved request's execution writes (actionExecution.ts): the requester acts, `after` names the request.
    await insertAuditEntry(app.db, {
      actor: { id: requester.staff.id, email: requester.staff.email, roles: ['oncall'] },
      action: 'flags.environment_changed',
      target: { type: 'flag', id: 'approved.flag@production' },
      before: { enabled: false },
      after: { result: { enabled: true }, requestId, approvedBy: approver.staff.email },
      result: 'success',
      request: { requestId: 'test', ip: null, userAgent: null },
    });
    const [entry] = (await approver.api.flags.history({ key: 'approved.flag', environment: 'production' })).entries;
    expect(entry).toMatchObject({ environment: 'production', actor: { email: requester.staff.email }, approver: { email: approver.staff.email, name: approver.staff.name } });
  });
});

import { ZFindAuditRequestSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { fromAuditListOutput, toAuditListInput } from './auditDataHandler';
import type { TAuditEntry } from './auditTypes';

function entry(id: string): TAuditEntry {
  return {
    id,
    occurredAt: '2026-03-01T08:00:00.000Z',
    actorId: null,
    actorEmail: 'ops@example.com',
    actorRoles: ['support'],
    action: 'customers.refund',
    targetType: 'customer',
    targetId: 'cus_A',
    reason: null,
    input: null,
    before: null,
    after: null,
    result: 'success',
    error: null,
    requestId: null,
    ip: null,
    userAgent: null,
    prevHash: null,
    hash: `hash-${id}`,
  } as TAuditEntry;
}

describe('toAuditListInput', () => {
  it('passes the text filters, page and page size through as audit.find input the server accepts', () => {
    const { query, page } = toAuditListInput({
      pagination: { page: 4, perPage: 20 },
      filter: { q: 'refund', actor: 'ops@example.com', action: 'customers.refund', targetType: 'customer', targetId: 'cus_A', result: 'denied' },
    });
    expect(page).toBe(4);
    expect(query).toEqual({ q: 'refund', actor: 'ops@example.com', action: 'customers.refund', targetType: 'customer', targetId: 'cus_A', result: 'denied', limit: 20 });
    expect(ZFindAuditRequestSchema.parse(query)).toEqual(query);
  });

  it('sends cleared and non-text filters as absent, and no cursor of its own', () => {
    const { query } = toAuditListInput({ filter: { q: '', actor: 42, result: ['success'], from: '', to: null } });
    expect(JSON.parse(JSON.stringify(query))).toEqual({ limit: 50 });
  });

  it('turns the date inputs into ISO instants with their offset', () => {
    const localInput = toAuditListInput({ filter: { from: '2026-03-01T10:00' } }).query.from;
    expect(localInput).toBe(new Date(2026, 2, 1, 10, 0).toISOString());
    expect(toAuditListInput({ filter: { to: '2026-03-01T10:00:00+02:00' } }).query.to).toBe('2026-03-01T08:00:00.000Z');
    expect(toAuditListInput({ filter: { to: new Date(Date.UTC(2026, 0, 2)) } }).query.to).toBe('2026-01-02T00:00:00.000Z');
  });

  it('drops a date it cannot read instead of sending an invalid one', () => {
    expect(toAuditListInput({ filter: { from: 'last tuesday' } }).query.from).toBeUndefined();
  });

  it('starts on page 1, 50 a page, when react-admin gives no pagination', () => {
    expect(toAuditListInput({})).toEqual({ query: { limit: 50 }, page: 1 });
  });
});

describe('fromAuditListOutput', () => {
  it('leaves the total unknown while there is a next page', () => {
    const list = fromAuditListOutput({ entries: [entry('30'), entry('29')], nextCursor: '29' }, 1, 2);
    expect(list.data.map((row) => row.id)).toEqual(['30', '29']);
    expect(list.total).toBeUndefined();
    expect(list.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
  });

  it('knows the exact total on the last page without counting', () => {
    const list = fromAuditListOutput({ entries: [entry('3')], nextCursor: null }, 3, 20);
    expect(list.total).toBe(41);
    expect(list.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('answers an empty log as zero rows', () => {
    expect(fromAuditListOutput({ entries: [], nextCursor: null }, 1, 50)).toEqual({ data: [], total: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false } });
  });
});

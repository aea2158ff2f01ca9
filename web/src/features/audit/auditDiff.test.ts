import { describe, expect, it } from 'vitest';
import { auditActionLabel } from './auditActionLabel';
import { splitChanges } from './auditDiff';

describe('audit entries in words', () => {
  it('names actions in words', () => {
    expect(auditActionLabel('customer.cancellation_undone')).toBe('Cancellation undone');
    expect(auditActionLabel('staff.created')).toBe('Staff created');
    expect(auditActionLabel('customer.banned')).toBe('Customer banned');
    expect(auditActionLabel('flags.created')).toBe('Flag created');
    expect(auditActionLabel('jobs.cancelled')).toBe('Job cancelled');
    expect(auditActionLabel('slo.created')).toBe('SLO created');
  });

  it('puts the real change first and sets the preview-only fields apart, without bookkeeping', () => {
    const { changes, context } = splitChanges(
      { userId: 'u1', currentStatus: 'active', paying: false, lastUnbannedId: '0', status: 'active' },
      { result: { status: 'banned', sessionsRevoked: 2 }, requestId: 'r1' },
    );
    expect(changes[0]).toMatchObject({ field: 'status', before: 'active', after: 'banned', changed: true });
    expect(changes.map((c) => c.field)).toEqual(['status', 'sessionsRevoked', 'requestId']);
    expect(context.map((c) => c.field)).toEqual(['currentStatus', 'paying']);
  });

  it('leaves out a new record\'s empty fields, and keeps a field that became empty', () => {
    const created = splitChanges(null, { key: 'checkout', archivedAt: null, description: 'New checkout' });
    expect(created.changes.map((c) => c.field)).toEqual(['key', 'description']);
    const cleared = splitChanges({ archivedAt: '2026-12-01T00:00:00.000Z' }, { archivedAt: null });
    expect(cleared.changes).toMatchObject([{ field: 'archivedAt', after: '—', changed: true }]);
  });

  it('formats money in the currency the entry names', () => {
    const { changes } = splitChanges({ amount: 60_000, currency: 'usd' }, { amount: 60_000, currency: 'usd', refunded: 60_000 });
    expect(changes.find((c) => c.field === 'refunded')).toMatchObject({ before: null, after: '600.00 USD', changed: true });
    expect(changes.find((c) => c.field === 'amount')).toMatchObject({ before: '600.00 USD', after: '600.00 USD', changed: false });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysLeft, deadlineView, dueDateOf, extendedDueDate, mayExtend, utcDateOf } from './deadlines.js';

const at = (iso: string) => new Date(iso);

describe('GDPR deadlines (one calendar month, UTC)', () => {
  it('keeps the day number, or clamps to the last day of a shorter month', () => {
    expect(dueDateOf(at('2025-01-15T10:00:00Z'))).toBe('2025-02-15');
    expect(dueDateOf(at('2025-01-31T10:00:00Z'))).toBe('2025-02-28');
    expect(dueDateOf(at('2025-01-29T10:00:00Z'))).toBe('2025-02-28');
    expect(dueDateOf(at('2025-03-31T00:00:00Z'))).toBe('2025-04-30');
    expect(dueDateOf(at('2025-12-31T23:59:59Z'))).toBe('2026-01-31');
    expect(dueDateOf(at('2025-02-28T12:00:00Z'))).toBe('2025-03-28');
    expect(dueDateOf(at('2025-04-30T12:00:00Z'))).toBe('2025-05-30');
  });

  it('follows the Gregorian leap years: 2024 and 2000 leap, 2100 not', () => {
    expect(dueDateOf(at('2024-01-31T08:00:00Z'))).toBe('2024-02-29');
    expect(dueDateOf(at('2024-01-30T08:00:00Z'))).toBe('2024-02-29');
    expect(dueDateOf(at('2024-02-29T08:00:00Z'))).toBe('2024-03-29');
    expect(dueDateOf(at('2000-01-31T08:00:00Z'))).toBe('2000-02-29');
    expect(dueDateOf(at('2100-01-31T08:00:00Z'))).toBe('2100-02-28');
    expect(dueDateOf(at('2100-01-29T08:00:00Z'))).toBe('2100-02-28');
  });

  it('uses the UTC date of receipt, whatever the local zone of the moment', () => {
    // 23:30 on 31 January in New York is already 1 February in UTC.
    expect(dueDateOf(at('2025-01-31T23:30:00-05:00'))).toBe('2025-03-01');
    expect(utcDateOf(at('2025-01-31T23:30:00-05:00'))).toBe('2025-02-01');
  });

  it('extends by one or two months from receipt, with the same clamping', () => {
    expect(extendedDueDate(at('2025-01-31T10:00:00Z'), 1)).toBe('2025-03-31');
    expect(extendedDueDate(at('2025-01-31T10:00:00Z'), 2)).toBe('2025-04-30');
    expect(extendedDueDate(at('2023-12-31T10:00:00Z'), 1)).toBe('2024-02-29');
    expect(extendedDueDate(at('2025-11-30T10:00:00Z'), 2)).toBe('2026-02-28');
    expect(extendedDueDate(at('2025-12-15T10:00:00Z'), 2)).toBe('2026-03-15');
  });

  it('allows an extension only within the first month (up to and including the original due date)', () => {
    const received = at('2025-01-31T10:00:00Z');
    expect(mayExtend(received, at('2025-01-31T11:00:00Z'))).toBe(true);
    expect(mayExtend(received, at('2025-02-28T23:59:59Z'))).toBe(true);
    expect(mayExtend(received, at('2025-03-01T00:00:00Z'))).toBe(false);
    expect(mayExtend(received, at('2025-06-01T00:00:00Z'))).toBe(false);
  });

  it('counts whole days left, negative once overdue', () => {
    expect(daysLeft('2025-02-28', at('2025-02-28T23:00:00Z'))).toBe(0);
    expect(daysLeft('2025-02-28', at('2025-02-21T00:00:00Z'))).toBe(7);
    expect(daysLeft('2025-02-28', at('2025-03-01T00:00:00Z'))).toBe(-1);
    expect(daysLeft('2024-03-01', at('2024-02-28T12:00:00Z'))).toBe(2);
  });

  it('puts open requests in the deadline views: due this week (0–7 days), overdue (< 0), extended', () => {
    const today = at('2025-02-20T12:00:00Z');
    const open = (dueOn: string, extended = false) => deadlineView({ dueOn, extended, open: true }, today);
    expect(open('2025-02-20')).toEqual({ dueThisWeek: true, overdue: false, extended: false });
    expect(open('2025-02-27')).toEqual({ dueThisWeek: true, overdue: false, extended: false });
    expect(open('2025-02-28')).toEqual({ dueThisWeek: false, overdue: false, extended: false });
    expect(open('2025-02-19', true)).toEqual({ dueThisWeek: false, overdue: true, extended: true });
    expect(deadlineView({ dueOn: '2025-02-19', extended: true, open: false }, today)).toEqual({ dueThisWeek: false, overdue: false, extended: false });
  });

  it('property: the due date is in the next month, at most 31 days on, on a day no later than the receipt day', () => {
    const moment = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9998-11-30T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(moment, (receivedAt) => {
        const due = dueDateOf(receivedAt);
        const [year, month, day] = due.split('-').map(Number) as [number, number, number];
        const nextMonth = (receivedAt.getUTCMonth() + 1) % 12;
        const nextYear = receivedAt.getUTCFullYear() + (receivedAt.getUTCMonth() === 11 ? 1 : 0);
        expect([year, month - 1]).toEqual([nextYear, nextMonth]);
        expect(day).toBeLessThanOrEqual(receivedAt.getUTCDate());
        const received = utcDateOf(receivedAt);
        expect(-daysLeft(received, new Date(`${due}T00:00:00Z`))).toBeGreaterThanOrEqual(28);
        expect(-daysLeft(received, new Date(`${due}T00:00:00Z`))).toBeLessThanOrEqual(31);
        expect(extendedDueDate(receivedAt, 2) > extendedDueDate(receivedAt, 1) && extendedDueDate(receivedAt, 1) > due).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

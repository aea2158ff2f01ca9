import { describe, expect, it } from 'vitest';
import { activeStepIndex, daysLeftText, extensionBlockedReason, extensionChoices, formatDay, planExtrasText, planStepText, planTotals } from './privacyText';

describe('daysLeftText', () => {
  it('says days left, today and overdue in words, nothing once closed', () => {
    expect(daysLeftText(12)).toBe('12 days left');
    expect(daysLeftText(1)).toBe('1 day left');
    expect(daysLeftText(0)).toBe('due today');
    expect(daysLeftText(-1)).toBe('1 day overdue');
    expect(daysLeftText(-4)).toBe('4 days overdue');
    expect(daysLeftText(null)).toBe('');
  });
});

describe('formatDay', () => {
  it('reads a calendar date without shifting it by the time zone', () => {
    expect(formatDay('2027-01-31')).toBe('31 Jan 2027');
    expect(formatDay('2028-02-29')).toBe('29 Feb 2028');
  });
});

describe('extensions', () => {
  const open = { status: 'verified' as const, extension: null, originalDueOn: '2027-01-31' };

  it('allows an extension until the original due date, for the months not taken yet', () => {
    expect(extensionBlockedReason(open, '2027-01-31')).toBeNull();
    expect(extensionChoices(open)).toEqual([1, 2]);
    expect(extensionChoices({ extension: { months: 1, reason: 'r', at: '', byLabel: '' } })).toEqual([2]);
  });

  it('says why it cannot: after the first month, after two months, once closed', () => {
    expect(extensionBlockedReason(open, '2027-02-01')).toBe('Extensions must be decided within the first month, which ended on 31 Jan 2027.');
    expect(extensionBlockedReason({ ...open, extension: { months: 2, reason: 'r', at: '', byLabel: '' } }, '2027-01-02')).toMatch(/two months/);
    expect(extensionBlockedReason({ ...open, status: 'completed' }, '2027-01-02')).toBe('The request is closed.');
  });
});

describe('activeStepIndex', () => {
  const base = { hold: null, verification: null, approvalRequestId: null };
  it('puts a held request on the step it was held at, a rejected one where it stopped', () => {
    expect(activeStepIndex({ ...base, status: 'in_progress' })).toBe(3);
    expect(activeStepIndex({ ...base, status: 'on_hold', hold: { reason: 'r', at: '', byLabel: '', statusBefore: 'verified' } })).toBe(1);
    expect(activeStepIndex({ ...base, status: 'rejected' })).toBe(0);
  });
});

describe('erasure plan in words', () => {
  it('says each table step', () => {
    expect(planStepText({ table: 'app.content', action: 'delete', rows: 3, columns: [], basis: null, retention: null })).toBe('Delete 3 rows.');
    expect(planStepText({ table: 'app.users', action: 'mask', rows: 1, columns: [{ column: 'email', strategy: 'placeholder' }, { column: 'created_at', strategy: 'truncate_to_month' }], basis: null, retention: null })).toBe(
      'Mask 1 row: email replaced by a placeholder, created_at cut to the month.',
    );
    expect(
      planStepText({ table: 'billing.invoices', action: 'keep', rows: 2, columns: [{ column: 'customer_name', strategy: 'null' }], basis: 'accounting obligation (invoices)', retention: '10 years' }),
    ).toBe('Keep 2 rows (accounting obligation (invoices), 10 years); customer_name emptied.');
  });

  it('says Stripe and the audit log, and totals the rows', () => {
    expect(planExtrasText({ stripe: { customerIds: ['cus_1'], action: 'delete_customer' }, audit: { subjectKeys: 1, rows: 7 } })).toEqual([
      'Delete the Stripe customer cus_1.',
      'Destroy 1 audit subject key, making the personal values of 7 rows of the audit log unreadable (the chain still verifies).',
    ]);
    expect(planExtrasText({ stripe: { customerIds: [], action: 'delete_customer' }, audit: { subjectKeys: 0, rows: 0 } })).toEqual(['No Stripe customer to delete.', 'No audit subject key to destroy.']);
    const step = { columns: [], basis: null, retention: null, table: 't' };
    expect(planTotals({ steps: [{ ...step, action: 'delete', rows: 2 }, { ...step, action: 'delete', rows: 1 }, { ...step, action: 'keep', rows: 4 }] })).toEqual({ delete: 3, mask: 0, keep: 4 });
  });
});

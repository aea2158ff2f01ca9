import { type TStaff, ZFindStaffRequestSchema, ZUpdateStaffRequestSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { sortStaff, toStaffFindInput, toStaffUpdateInput } from './staffDataHandler';

function staff(name: string, email: string, lastLoginAt: string | null): TStaff {
  return { id: crypto.randomUUID(), email, name, roles: ['support'], status: 'active', totpEnrolled: true, createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt };
}

const bea = staff('Bea', 'bea@example.com', '2026-03-02T00:00:00.000Z');
const al = staff('Al', 'al@example.com', null);
const cy = staff('Cy', 'cy@example.com', '2026-03-01T00:00:00.000Z');

describe('toStaffFindInput', () => {
  it('passes search, status and role through as input the server accepts', () => {
    const input = toStaffFindInput({ q: 'bea', status: 'disabled', role: 'admin' });
    expect(input).toEqual({ q: 'bea', status: 'disabled', role: 'admin' });
    expect(ZFindStaffRequestSchema.parse(input)).toEqual(input);
  });

  it('sends cleared inputs as absent', () => {
    const input = toStaffFindInput({ q: '', status: '', role: '' });
    expect(ZFindStaffRequestSchema.parse(input)).toEqual({});
  });
});

describe('sortStaff', () => {
  it('sorts by the column asked for, either way', () => {
    expect(sortStaff([bea, al, cy], { field: 'name', order: 'ASC' }).map((row) => row.name)).toEqual(['Al', 'Bea', 'Cy']);
    expect(sortStaff([bea, al, cy], { field: 'email', order: 'DESC' }).map((row) => row.name)).toEqual(['Cy', 'Bea', 'Al']);
  });

  it('puts people who never signed in first when sorting by last sign-in ascending', () => {
    expect(sortStaff([bea, al, cy], { field: 'lastLoginAt', order: 'ASC' }).map((row) => row.name)).toEqual(['Al', 'Cy', 'Bea']);
  });

  it('keeps the server’s order without a sort, and never reorders the list it was given', () => {
    const rows = [bea, al, cy];
    expect(sortStaff(rows, undefined)).toEqual([bea, al, cy]);
    sortStaff(rows, { field: 'name', order: 'ASC' });
    expect(rows).toEqual([bea, al, cy]);
  });
});

describe('toStaffUpdateInput', () => {
  it('sends only the editable fields of the record the form gives back', () => {
    const input = toStaffUpdateInput(bea.id, { ...bea, name: 'Beatrice', roles: ['support', 'finance'] });
    expect(input).toEqual({ id: bea.id, name: 'Beatrice', roles: ['support', 'finance'] });
    expect(ZUpdateStaffRequestSchema.parse(input)).toEqual(input);
  });
});

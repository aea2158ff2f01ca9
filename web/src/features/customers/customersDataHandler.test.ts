import { ZCustomerListRequestSchema, type TCustomerListResponse } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { fromCustomerListOutput, toCustomerListInput } from './customersDataHandler';

const alice: TCustomerListResponse['rows'][number] = {
  userId: '6f1c1f6e-6b55-4a4e-9d0e-1f1f5f0a0a01',
  email: 'alice@example.com',
  name: 'Alice',
  status: 'active',
  plan: 'Pro',
  country: 'DE',
  signupAt: '2026-01-05T10:00:00.000Z',
  stripeCustomerIds: ['cus_A'],
  workspaceNames: ['Acme'],
  matchedOn: 'email',
  mrr: 2900,
};

describe('toCustomerListInput', () => {
  it('maps page size, sort and the form filter onto lookup.list input the server accepts', () => {
    const { query, page } = toCustomerListInput({
      pagination: { page: 3, perPage: 25 },
      sort: { field: 'email', order: 'ASC' },
      filter: { status: 'active', mrrMin: '10' },
    });
    expect(page).toBe(3);
    expect(query).toEqual({ filter: { status: 'active', mrrMin: 1000 }, sort: 'email_asc', limit: 25 });
    expect(ZCustomerListRequestSchema.parse(query)).toEqual(query);
  });

  it('knows each sort the list offers', () => {
    const sortOf = (field: string, order: 'ASC' | 'DESC') => toCustomerListInput({ sort: { field, order } }).query.sort;
    expect(sortOf('signupAt', 'DESC')).toBe('signup_desc');
    expect(sortOf('signupAt', 'ASC')).toBe('signup_asc');
    expect(sortOf('email', 'ASC')).toBe('email_asc');
    expect(sortOf('mrr', 'DESC')).toBe('mrr_desc');
  });

  it('falls back to newest sign-ups for a sort the server cannot do', () => {
    expect(toCustomerListInput({ sort: { field: 'email', order: 'DESC' } }).query.sort).toBe('signup_desc');
    expect(toCustomerListInput({ sort: { field: 'mrr', order: 'ASC' } }).query.sort).toBe('signup_desc');
  });

  it('starts on page 1, 50 a page, with no filter when react-admin gives none', () => {
    const { query, page } = toCustomerListInput({});
    expect(page).toBe(1);
    expect(query).toEqual({ filter: {}, sort: 'signup_desc', limit: 50 });
    expect('cursor' in query).toBe(false);
  });

  it('gives the same query key for the same list, whatever order the filter was typed in', () => {
    const a = toCustomerListInput({ filter: { plan: 'Pro', status: 'active' } }).query;
    const b = toCustomerListInput({ filter: { status: 'active', plan: 'Pro' } }).query;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('fromCustomerListOutput', () => {
  it('keys rows by user id and shows the estimate as meta, never as an exact total', () => {
    const list = fromCustomerListOutput({ rows: [alice], nextCursor: 'opaque', estimatedTotal: 1_200_000 }, 1);
    expect(list.data).toEqual([{ ...alice, id: alice.userId }]);
    expect(list.meta).toEqual({ estimatedTotal: 1_200_000 });
    expect(list).not.toHaveProperty('total');
  });

  it('offers next while the server has a cursor and previous after page 1', () => {
    expect(fromCustomerListOutput({ rows: [alice], nextCursor: 'opaque', estimatedTotal: 3 }, 1).pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    expect(fromCustomerListOutput({ rows: [alice], nextCursor: null, estimatedTotal: 3 }, 2).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });
});

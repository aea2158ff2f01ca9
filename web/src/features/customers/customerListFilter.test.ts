import { ZCustomerListFilterSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { exportUrl, toApiFilter, toFormFilter } from './customerListFilter';

describe('toApiFilter (list form → lookup.list filter)', () => {
  it('turns days into whole UTC days, dollars into cents and countries into upper case', () => {
    const filter = toApiFilter({ status: 'active', plan: ' Pro ', country: 'de', signupFrom: '2026-01-05', signupTo: '2026-01-31', hasFailedPayment: true, mrrMin: '19.99', mrrMax: 250 });
    expect(filter).toEqual({
      status: 'active',
      plan: 'Pro',
      country: 'DE',
      signupFrom: '2026-01-05T00:00:00.000Z',
      signupTo: '2026-01-31T23:59:59.999Z',
      hasFailedPayment: true,
      mrrMin: 1999,
      mrrMax: 25000,
    });
    expect(ZCustomerListFilterSchema.parse(filter)).toEqual(filter);
  });

  it('leaves out cleared inputs entirely, so the strict API schema accepts the filter', () => {
    const filter = toApiFilter({ status: '', plan: '   ', country: null, signupFrom: '', mrrMin: '', mrrMax: '  ', hasFailedPayment: 'yes' });
    expect(filter).toEqual({});
    expect(ZCustomerListFilterSchema.parse(filter)).toEqual({});
  });

  it('keeps a real zero MRR bound but not a cleared one', () => {
    expect(toApiFilter({ mrrMin: 0 })).toEqual({ mrrMin: 0 });
    expect(toApiFilter({ mrrMin: '0' })).toEqual({ mrrMin: 0 });
    expect(toApiFilter({ mrrMin: ' ' })).toEqual({});
  });

  it('drops amounts and days that are not numbers or real days', () => {
    expect(toApiFilter({ mrrMin: 'ten', mrrMax: 'Infinity' })).toEqual({});
    expect(toApiFilter({ signupFrom: 'yesterday', signupTo: '2026-02-30' })).toEqual({});
  });

  it('ignores keys the form does not know', () => {
    expect(toApiFilter({ q: 'alice', status: 'banned' })).toEqual({ status: 'banned' });
  });
});

describe('toFormFilter (saved filter → list form)', () => {
  it('gives back what the person typed for a filter they saved', () => {
    const typed = { status: 'active', plan: 'Pro', country: 'DE', signupFrom: '2026-01-05', signupTo: '2026-01-31', hasFailedPayment: false, mrrMin: 19.99, mrrMax: 250 };
    expect(toFormFilter(toApiFilter(typed))).toEqual(typed);
  });

  it('leaves unset fields out of the form', () => {
    expect(toFormFilter({ plan: 'Team' })).toEqual({ plan: 'Team' });
    expect(toFormFilter({})).toEqual({});
  });
});

describe('exportUrl', () => {
  it('carries the same API filter the list queries, URL-encoded', () => {
    const url = new URL(exportUrl({ plan: 'A&B Plan', mrrMin: '5' }), 'https://console.example');
    expect(url.pathname).toBe('/api/customers/export.csv');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ plan: 'A&B Plan', mrrMin: 500 });
    expect(url.searchParams.get('sort')).toBe('signup_desc');
  });

  it('carries the list’s order', () => {
    expect(new URL(exportUrl({}, 'mrr_desc'), 'https://console.example').searchParams.get('sort')).toBe('mrr_desc');
  });
});

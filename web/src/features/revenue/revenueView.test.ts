import { describe, expect, it } from 'vitest';
import { defaultRange, readRevenueView, writeRevenueView } from './revenueView';

const today = new Date('2026-11-30T12:00:00Z');

describe('the Revenue view in the URL', () => {
  it('defaults to the Stripe policy over the last twelve months by month', () => {
    expect(readRevenueView(new URLSearchParams(), today)).toEqual({ policy: 'stripe', from: '2025-12-01', to: '2026-11-30', interval: 'month', filter: {}, drill: null, compare: null });
    expect(defaultRange(today)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });

  it('round-trips a shared view, drill-down included', () => {
    const view = {
      policy: 'profitwell' as const,
      from: '2025-01-01',
      to: '2025-12-31',
      interval: 'week' as const,
      filter: { plan: 'Pro', billingInterval: 'year' as const, country: 'DE' },
      drill: { kind: 'churn' as const, from: '2025-06-01', to: '2025-06-30', label: 'Churn, 2025-06' },
      compare: { a: 'stripe' as const, b: 'baremetrics' as const },
    };
    expect(readRevenueView(new URLSearchParams(writeRevenueView(view).toString()), today)).toEqual(view);
  });

  it('falls back to defaults for anything typed badly instead of failing the page', () => {
    const hostile = new URLSearchParams({ policy: 'drop table', from: '2025-02-30', to: '9999-01-01', interval: 'hour', billingInterval: 'decade', country: 'Germany', drillKind: 'fraud', drillFrom: 'x', drillTo: '2025-01-01', compareA: 'stripe', compareB: 'mine' });
    expect(readRevenueView(hostile, today)).toEqual({ policy: 'stripe', from: '2025-12-01', to: '2026-11-30', interval: 'month', filter: {}, drill: null, compare: null });
  });

  it('swaps in the default range when from is after to, and ignores an unknown movement kind', () => {
    const view = readRevenueView(new URLSearchParams({ from: '2025-12-31', to: '2025-01-01', drillKind: 'fraud', drillFrom: '2025-06-01', drillTo: '2025-06-30' }), today);
    expect([view.from, view.to]).toEqual(['2025-12-01', '2026-11-30']);
    expect(view.drill).toEqual({ kind: undefined, from: '2025-06-01', to: '2025-06-30', label: 'Movements' });
  });
});

import { describe, expect, it } from 'vitest';
import { revenueExportUrl } from './revenueExport';

const view = { policy: 'profitwell' as const, from: '2025-01-01', to: '2025-12-31', interval: 'week' as const, filter: { plan: 'Pro & Co', country: 'DE' } };

describe('revenue CSV addresses', () => {
  it('carries the view, and the interval only where the dataset has buckets', () => {
    const series = new URL(revenueExportUrl('series', view), 'http://x');
    expect(series.pathname).toBe('/api/revenue/export/series');
    expect(Object.fromEntries(series.searchParams)).toEqual({ policy: 'profitwell', from: '2025-01-01', to: '2025-12-31', interval: 'week', plan: 'Pro & Co', country: 'DE' });
    expect(new URL(revenueExportUrl('cohorts', view), 'http://x').searchParams.has('interval')).toBe(false);
  });

  it('exports a drill-down over the drilled period and kind', () => {
    const url = new URL(revenueExportUrl('drill-down', view, { kind: 'churn', from: '2025-06-01', to: '2025-06-30', label: 'Churn, 2025-06' }), 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ policy: 'profitwell', from: '2025-06-01', to: '2025-06-30', kind: 'churn', plan: 'Pro & Co', country: 'DE' });
  });
});

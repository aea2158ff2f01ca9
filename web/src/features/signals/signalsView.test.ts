import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatPercent, formatRate } from './signalFormat';
import { signalStorageFacts } from './signalStorage';
import { signalsViewOf } from './signalsView';

describe('the Signals page view', () => {
  it('reads service and range from the URL, falling back on anything unknown', () => {
    expect(signalsViewOf(new URLSearchParams('service=billing-api&range=7d'))).toEqual({ service: 'billing-api', range: '7d' });
    expect(signalsViewOf(new URLSearchParams('service=Robert%27);drop&range=2y'))).toEqual({ service: 'opsdesk', range: '1h' });
    expect(signalsViewOf(new URLSearchParams(''))).toEqual({ service: 'opsdesk', range: '1h' });
  });

  it('words figures, with a dash (never 0) where nothing was measured', () => {
    expect([formatRate(0.5), formatRate(1234), formatRate(null)]).toEqual(['0.5 req/s', '1,234 req/s', '—']);
    expect([formatPercent(0.0123), formatPercent(0.25), formatPercent(null)]).toEqual(['1.23 %', '25 %', '—']);
    expect([formatMs(4.25), formatMs(300), formatMs(2500), formatMs(undefined)]).toEqual(['4.3 ms', '300 ms', '2.5 s', '—']);
    expect([formatBytes(512), formatBytes(150 * 1024 * 1024), formatBytes(null)]).toEqual(['512 B', '150 MiB', '—']);
  });
});

describe('the built-in samples’ storage', () => {
  it('words rows (estimated or counted), size, the oldest sample and the retention', () => {
    const storage = { totalBytes: 150 * 1024 * 1024, rows: 1_234_567, rowsEstimated: true, oldestSample: '2026-11-01T10:00:00.000Z', retention: { minuteDays: 35, hourDays: 400 } };
    expect(signalStorageFacts(storage)).toEqual([
      ['Rows', '≈ 1,234,567'],
      ['Size on disk', '150 MiB'],
      ['Oldest sample', new Date('2026-11-01T10:00:00.000Z').toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })],
      ['Retention', 'one-minute samples 35 days, hourly 400 days'],
    ]);
    expect(signalStorageFacts({ ...storage, rows: 2, rowsEstimated: false, oldestSample: null }).filter(([label]) => label !== 'Size on disk' && label !== 'Retention')).toEqual([
      ['Rows', '2'],
      ['Oldest sample', 'None yet'],
    ]);
  });
});

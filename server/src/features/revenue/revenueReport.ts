import { MOVEMENT_KINDS, type MovementKind, type RevenuePolicyName, type TRevenueSeries } from '@opsdesk/shared';

/**
 * The shape of `npm run revenue:report`, kept stable for automation (README):
 * `{ policy, currency, periods: [{ period, mrr, customers, movements, netNew }] }`, cents
 * throughout, contraction and churn negative, MRR and customers at each period's end.
 */
export interface RevenueReport {
  policy: RevenuePolicyName;
  currency: string;
  periods: Array<{ period: string; mrr: number; customers: number; movements: Record<MovementKind, number>; netNew: number }>;
}

export function toRevenueReport(series: TRevenueSeries): RevenueReport {
  return {
    policy: series.policy,
    currency: series.currency,
    periods: series.periods.map((p) => ({ period: p.period, mrr: p.mrr, customers: p.customers, movements: { ...p.movements }, netNew: p.netNew })),
  };
}

const COLUMNS = ['period', 'mrr', 'customers', ...MOVEMENT_KINDS, 'netNew'] as const;

function cells(report: RevenueReport): string[][] {
  return report.periods.map((p) => [p.period, String(p.mrr), String(p.customers), ...MOVEMENT_KINDS.map((k) => String(p.movements[k])), String(p.netNew)]);
}

export function reportAsCsv(report: RevenueReport): string {
  return [COLUMNS.join(','), ...cells(report).map((row) => row.join(','))].join('\n') + '\n';
}

export function reportAsTable(report: RevenueReport): string {
  const rows = [[...COLUMNS], ...cells(report)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [`policy ${report.policy}, currency ${report.currency}, amounts in cents`, line(rows[0]!), ...rows.slice(1).map(line)].join('\n') + '\n';
}

/** `2025-03` → its first or last day; a full day passes through. */
export function reportDay(value: string, end: 'first' | 'last'): string {
  if (!/^\d{4}-\d{2}$/.test(value)) return value;
  if (end === 'first') return `${value}-01`;
  const [year, month] = value.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

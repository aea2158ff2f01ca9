import type { TRevenueExportDataset } from '@opsdesk/shared';
import type { RevenueDrill, RevenueView } from './revenueView';

/**
 * The address of a revenue CSV (server: features/revenue/export): the page's own view as
 * a flat query string, only the parameters the dataset takes (the server refuses the
 * rest). A plain link: the browser sends the session cookie and saves the file.
 */
export function revenueExportUrl(dataset: TRevenueExportDataset, view: Pick<RevenueView, 'policy' | 'from' | 'to' | 'interval' | 'filter'>, drill?: RevenueDrill): string {
  const range = dataset === 'drill-down' && drill ? { from: drill.from, to: drill.to } : { from: view.from, to: view.to };
  const entries: [string, string | undefined][] = [
    ['policy', view.policy],
    ['from', range.from],
    ['to', range.to],
    ['interval', dataset === 'series' || dataset === 'movements' ? view.interval : undefined],
    ['kind', dataset === 'drill-down' ? drill?.kind : undefined],
    ['plan', view.filter.plan],
    ['billingInterval', view.filter.billingInterval],
    ['country', view.filter.country],
  ];
  const params = new URLSearchParams(entries.filter((entry): entry is [string, string] => Boolean(entry[1])));
  return `/api/revenue/export/${dataset}?${params.toString()}`;
}

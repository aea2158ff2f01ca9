import type { TRevenuePeriod } from '@opsdesk/shared';
import type { ChartTable, ChartTableColumn } from '../../app/ChartOrTable';
import { periodLabel } from './periodWords';

/** A revenue chart's table view: one row per period of the range, named in words ("March 2025"). */
export function periodTable(caption: string, periods: readonly TRevenuePeriod[], columns: ReadonlyArray<ChartTableColumn<TRevenuePeriod>>): ChartTable<TRevenuePeriod> {
  return { caption, rows: periods, rowKey: (period) => period.period, rowHeader: { label: 'Period', value: periodLabel }, columns };
}

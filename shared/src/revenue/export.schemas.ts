import { z } from 'zod';
import {
  ZRevenueDrillDownRequestSchema,
  ZRevenueRangeRequestSchema,
  ZRevenueSeriesRequestSchema,
  type TRevenueDrillDownRequest,
  type TRevenueRangeRequest,
  type TRevenueSeriesRequest,
} from './revenue.schemas.js';

/**
 * The revenue CSV export's contract (GET /api/revenue/export/:dataset): which datasets
 * there are and the query string each takes. The query string is flat (a plain link the
 * console and a person can write), every parameter at most once, unknown ones refused;
 * it is then parsed by the very schema the matching tRPC procedure uses, so an export can
 * never ask for what the page could not.
 */
export const REVENUE_EXPORT_DATASETS = ['series', 'movements', 'cohorts', 'plan-mix', 'payment-recovery', 'drill-down'] as const;
export const ZRevenueExportDataset = z.enum(REVENUE_EXPORT_DATASETS, { error: `The dataset is one of ${REVENUE_EXPORT_DATASETS.join(', ')}` });
export type TRevenueExportDataset = (typeof REVENUE_EXPORT_DATASETS)[number];

/** One value per parameter: `?a=1&a=2` arrives as an array and is refused. */
const single = z.string({ error: 'Give each parameter once, as text' });

const ZExportQueryString = z.strictObject({
  policy: single.optional(),
  from: single,
  to: single,
  interval: single.optional(),
  kind: single.optional(),
  plan: single.optional(),
  billingInterval: single.optional(),
  country: single.optional(),
});
export type TRevenueExportQuery = z.infer<typeof ZExportQueryString>;

export type TRevenueExportRequest =
  | { dataset: 'series'; request: TRevenueSeriesRequest }
  | { dataset: 'movements'; request: TRevenueSeriesRequest }
  | { dataset: 'cohorts'; request: TRevenueRangeRequest }
  | { dataset: 'plan-mix'; request: TRevenueRangeRequest }
  | { dataset: 'payment-recovery'; request: TRevenueRangeRequest }
  | { dataset: 'drill-down'; request: Omit<TRevenueDrillDownRequest, 'cursor' | 'limit'> };

/** The query string → the procedure's own request; throws a ZodError (a 400) on anything else. */
export function parseRevenueExportRequest(dataset: unknown, query: unknown): TRevenueExportRequest {
  const name = ZRevenueExportDataset.parse(dataset);
  const { policy, from, to, interval, kind, plan, billingInterval, country } = ZExportQueryString.parse(query);
  const filter = Object.fromEntries(Object.entries({ plan, billingInterval, country }).filter(([, value]) => value !== undefined));
  // Only the fields a dataset's procedure knows are passed: the strict schema refuses the rest (interval on cohorts, kind on a series).
  const range = { policy, from, to, filter, ...(interval === undefined ? {} : { interval }), ...(kind === undefined ? {} : { kind }) };
  switch (name) {
    case 'series':
      return { dataset: name, request: ZRevenueSeriesRequestSchema.parse(range) };
    case 'movements':
      return { dataset: name, request: ZRevenueSeriesRequestSchema.parse(range) };
    case 'drill-down': {
      const { cursor: _cursor, limit: _limit, ...request } = ZRevenueDrillDownRequestSchema.parse(range);
      return { dataset: name, request };
    }
    case 'cohorts':
      return { dataset: name, request: ZRevenueRangeRequestSchema.parse(range) };
    case 'plan-mix':
      return { dataset: name, request: ZRevenueRangeRequestSchema.parse(range) };
    case 'payment-recovery':
      return { dataset: name, request: ZRevenueRangeRequestSchema.parse(range) };
  }
}

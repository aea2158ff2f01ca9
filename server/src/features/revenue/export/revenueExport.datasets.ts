import { MOVEMENT_KINDS, type TRevenueDrillDownRequest, type TRevenueExportRequest, type TRevenuePeriod } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { findRevenueSeries } from '../revenue.service.js';
import { findCohorts } from '../revenueCohorts.queries.js';
import { findDrillDownPage } from '../revenueDrillDown.queries.js';
import { findPlanMix } from '../revenueMix.queries.js';
import { findPaymentRecovery } from '../revenueRecovery.queries.js';
import { findRevenueSettings } from '../revenueRows.queries.js';
import { money, type CsvCell, type CsvTable } from './revenueCsv.js';

/**
 * Each exported dataset: its columns and rows, read through the same service and query
 * functions the procedures answer from, so a file always matches the page. Money columns
 * are decimals with the currency beside them (revenueCsv.ts); ratios are fractions
 * (0.25 = 25 %), empty when there was nothing to divide by.
 */
const DRILL_DOWN_BATCH = 1000;

async function* oneBatch(rows: CsvCell[][]): AsyncIterable<CsvCell[][]> {
  yield rows;
}

const periodCells = (p: TRevenuePeriod, currency: string): CsvCell[] => [p.period, p.startDay, p.endDay, currency];

async function seriesTable(db: DbOrTrx, { request }: Extract<TRevenueExportRequest, { dataset: 'series' }>): Promise<CsvTable> {
  const series = await findRevenueSeries(db, request);
  return {
    columns: ['period', 'start_day', 'end_day', 'currency', 'mrr_start', 'mrr', 'arr', 'customers_start', 'customers', 'arpa', 'net_new_mrr', 'subscriber_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr', 'grr', 'quick_ratio'],
    batches: oneBatch(
      series.periods.map((p) => [
        ...periodCells(p, series.currency),
        money(p.mrrStart), money(p.mrr), money(p.arr), p.customersStart, p.customers, p.arpa === null ? null : money(p.arpa), money(p.netNew),
        p.subscriberChurnRate, p.grossMrrChurnRate, p.netMrrChurnRate, p.nrr, p.grr, p.quickRatio,
      ]),
    ),
  };
}

async function movementsTable(db: DbOrTrx, { request }: Extract<TRevenueExportRequest, { dataset: 'movements' }>): Promise<CsvTable> {
  const series = await findRevenueSeries(db, request, { retention: false });
  return {
    columns: ['period', 'start_day', 'end_day', 'currency', ...MOVEMENT_KINDS, 'net_new_mrr', ...MOVEMENT_KINDS.map((kind) => `${kind}_count`)],
    batches: oneBatch(series.periods.map((p) => [...periodCells(p, series.currency), ...MOVEMENT_KINDS.map((kind) => money(p.movements[kind])), money(p.netNew), ...MOVEMENT_KINDS.map((kind) => p.movementCounts[kind])])),
  };
}

const monthAfter = (month: string, add: number) => {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + add, 1));
  return date.toISOString().slice(0, 7);
};

async function cohortsTable(db: DbOrTrx, { request }: Extract<TRevenueExportRequest, { dataset: 'cohorts' }>, currency: string): Promise<CsvTable> {
  const cohorts = await findCohorts(db, request);
  return {
    columns: ['cohort', 'month', 'months_since_start', 'currency', 'customers', 'mrr'],
    batches: oneBatch(cohorts.flatMap((c) => c.mrr.map((mrr, i) => [c.cohort, monthAfter(c.cohort, i), i, currency, c.customers[i]!, money(mrr)]))),
  };
}

async function planMixTable(db: DbOrTrx, { request }: Extract<TRevenueExportRequest, { dataset: 'plan-mix' }>, currency: string): Promise<CsvTable> {
  const rows = await findPlanMix(db, request);
  return { columns: ['plan', 'on_day', 'currency', 'customers', 'mrr'], batches: oneBatch(rows.map((r) => [r.plan, request.to, currency, r.customers, money(r.mrr)])) };
}

async function recoveryTable(db: DbOrTrx, { request }: Extract<TRevenueExportRequest, { dataset: 'payment-recovery' }>, currency: string): Promise<CsvTable> {
  const r = await findPaymentRecovery(db, request);
  return {
    columns: ['from', 'to', 'currency', 'failed_invoices', 'recovered_within_7_days', 'recovered_within_14_days', 'recovered_within_30_days', 'recovered_share_7_days', 'recovered_share_14_days', 'recovered_share_30_days', 'mrr_recovered', 'mrr_lost_to_involuntary_churn'],
    batches: oneBatch([[request.from, request.to, currency, r.failedInvoices, r.recoveredWithin.days7, r.recoveredWithin.days14, r.recoveredWithin.days30, r.recoveredShare.days7, r.recoveredShare.days14, r.recoveredShare.days30, money(r.mrrRecovered), money(r.mrrLostToInvoluntaryChurn)]]),
  };
}

/** Every movement behind a number, in keyset pages; the first page is read before anything is sent (a failure is then a status, not a cut-off file). */
async function drillDownTable(db: DbOrTrx, { request }: Extract<TRevenueExportRequest, { dataset: 'drill-down' }>, currency: string): Promise<CsvTable> {
  const read = (cursor?: string) => findDrillDownPage(db, { ...request, cursor, limit: DRILL_DOWN_BATCH } as TRevenueDrillDownRequest);
  const first = await read();
  async function* pages(): AsyncIterable<CsvCell[][]> {
    for (let page = first; ; page = await read(page.nextCursor!)) {
      yield page.rows.map((r) => [r.day, r.kind, r.customerId, r.customerName, r.customerEmail, currency, money(r.beforeCents), money(r.afterCents), money(r.amountCents), r.subscriptionId, r.sourceEventId, r.movementId]);
      if (!page.nextCursor) return;
    }
  }
  return { columns: ['day', 'kind', 'customer_id', 'customer_name', 'customer_email', 'currency', 'mrr_before', 'mrr_after', 'amount', 'subscription_id', 'stripe_event_id', 'movement_id'], batches: pages() };
}

export async function readRevenueDataset(db: DbOrTrx, exported: TRevenueExportRequest): Promise<CsvTable> {
  if (exported.dataset === 'series') return seriesTable(db, exported);
  if (exported.dataset === 'movements') return movementsTable(db, exported);
  const { currency } = await findRevenueSettings(db);
  if (exported.dataset === 'cohorts') return cohortsTable(db, exported, currency);
  if (exported.dataset === 'plan-mix') return planMixTable(db, exported, currency);
  if (exported.dataset === 'payment-recovery') return recoveryTable(db, exported, currency);
  return drillDownTable(db, exported, currency);
}

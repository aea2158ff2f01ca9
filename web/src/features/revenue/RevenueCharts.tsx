import { Grid, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { ChartViewScope, ChartViewSwitch } from '../../app/ChartOrTable';
import { CohortHeatmap } from './CohortHeatmap';
import { MovementsChart } from './MovementsChart';
import { MrrLineChart } from './MrrLineChart';
import { PaymentRecoveryTable } from './PaymentRecoveryTable';
import { PlanMixChart } from './PlanMixChart';
import { RevenueExportButton } from './RevenueExportButton';
import { RevenueSection } from './RevenueSection';
import type { RevenueDrill, RevenueView } from './revenueView';
import { useRevenueCohorts, useRevenuePaymentRecovery, useRevenuePlanMix, type useRevenueSeries } from './useRevenue';

/** The page's chart cards, each loading, failing and showing its empty state on its own. */
const NO_PAYING = 'No paying customers in this range and filter.';

export function RevenueCharts({ view, series, onDrill }: { view: RevenueView; series: ReturnType<typeof useRevenueSeries>; onDrill: (drill: RevenueDrill) => void }) {
  const cohorts = useRevenueCohorts(view);
  const planMix = useRevenuePlanMix(view);
  const recovery = useRevenuePaymentRecovery(view);
  const currency = series.data?.currency ?? 'usd';
  const noRevenue = series.data ? series.data.periods.every((period) => period.mrr === 0 && period.mrrStart === 0 && period.netNew === 0) : false;
  const seriesState = { isPending: series.isPending, error: series.error, empty: noRevenue, emptyText: NO_PAYING };
  const hasSeries = series.data !== undefined && !noRevenue;
  return (
    <>
      <Grid sx={{ minWidth: 0 }} size={{ xs: 12, lg: 6 }}>
        <ChartViewScope storeKey="revenue.mrr" title="MRR">
          <RevenueSection title="MRR" {...seriesState} action={<ChartActions shown={hasSeries} export={<RevenueExportButton dataset="series" view={view} what="the MRR series" />} />}>
            {series.data && <MrrLineChart series={series.data} />}
          </RevenueSection>
        </ChartViewScope>
      </Grid>
      <Grid sx={{ minWidth: 0 }} size={{ xs: 12, lg: 6 }}>
        <ChartViewScope storeKey="revenue.movements" title="MRR movements">
          <RevenueSection title="MRR movements" {...seriesState} action={<ChartActions shown={hasSeries} export={<RevenueExportButton dataset="movements" view={view} what="the MRR movements" />} />}>
            {series.data && <MovementsChart series={series.data} onDrill={onDrill} />}
          </RevenueSection>
        </ChartViewScope>
      </Grid>
      <Grid sx={{ minWidth: 0 }} size={{ xs: 12 }}>
        <RevenueSection title="Cohort retention (MRR)" isPending={cohorts.isPending} error={cohorts.error} empty={(cohorts.data ?? []).length === 0} emptyText="No cohort started paying in this range." action={<RevenueExportButton dataset="cohorts" view={view} what="the cohorts" />}>
          {cohorts.data && <CohortHeatmap cohorts={cohorts.data} />}
        </RevenueSection>
      </Grid>
      <Grid sx={{ minWidth: 0 }} size={{ xs: 12, md: 6 }}>
        <RevenueSection title="Plan mix" isPending={planMix.isPending} error={planMix.error} empty={(planMix.data ?? []).every((row) => row.mrr === 0)} emptyText={NO_PAYING} action={<RevenueExportButton dataset="plan-mix" view={view} what="the plan mix" />}>
          {planMix.data && <PlanMixChart rows={planMix.data} currency={currency} />}
        </RevenueSection>
      </Grid>
      <Grid sx={{ minWidth: 0 }} size={{ xs: 12, md: 6 }}>
        <RevenueSection title="Failed-payment recovery" isPending={recovery.isPending} error={recovery.error} empty={recovery.data?.failedInvoices === 0} emptyText="No payment failed in this range." action={<RevenueExportButton dataset="payment-recovery" view={view} what="the failed-payment recovery" />}>
          {recovery.data && <PaymentRecoveryTable recovery={recovery.data} currency={currency} />}
        </RevenueSection>
      </Grid>
    </>
  );
}

/** A chart card's header actions: its Chart / Table switch once there is a chart to switch, and its export. */
function ChartActions({ shown, export: exportButton }: { shown: boolean; export: ReactNode }) {
  return (
    <Stack direction="row" alignItems="center" columnGap={1.5}>
      {shown && <ChartViewSwitch />}
      {exportButton}
    </Stack>
  );
}

import { Typography } from '@mui/material';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { headlineChange } from './headlineChange';
import { formatMoney, formatSignedMoney } from './revenueFormat';
import { periodLabel } from './periodWords';
import { defaultRange } from './revenueView';
import { useRevenueOverview, useRevenuePaymentRecovery } from './useRevenue';

/**
 * Finance's home cards, on the default (Stripe) policy for the month so far. The three
 * MRR cards share one overview request (same query key); each links into Revenue.
 */
const today = () => defaultRange().to;
const thisMonthStart = () => `${today().slice(0, 8)}01`;
const monthView = () => `/revenue?from=${thisMonthStart()}&to=${today()}`;

function useThisMonth() {
  return useRevenueOverview({ policy: 'stripe', to: today(), filter: {} });
}

/** MRR now, its paying customers, and how far it moved since last month's end — as Revenue's own MRR card says it. */
function MrrCard() {
  const overview = useThisMonth();
  const data = overview.data;
  const current = data?.current;
  return (
    <HomeCard title="MRR" action={<HomeCardLink to="/revenue">Open Revenue</HomeCardLink>}>
      <HomeCardState isPending={overview.isPending} error={overview.error} empty={!current || current.customers === 0} emptyText="No paying customers yet.">
        <Typography variant="h4" component="p">{formatMoney(current?.mrr, data?.currency)}</Typography>
        {data && <Typography color="text.secondary">{headlineChange(data.current.mrr, data.previous.mrr, (delta) => formatSignedMoney(delta, data.currency), periodLabel(data.previous))}</Typography>}
        <Typography color="text.secondary">{current?.customers === 1 ? '1 paying customer.' : `${current?.customers.toLocaleString('en-US')} paying customers.`}</Typography>
      </HomeCardState>
    </HomeCard>
  );
}

function NetNewMrrCard() {
  const overview = useThisMonth();
  const current = overview.data?.current;
  return (
    <HomeCard title="Net new MRR this month" action={<HomeCardLink to={monthView()}>See the movements</HomeCardLink>}>
      <HomeCardState isPending={overview.isPending} error={overview.error} empty={!current || (current.netNew === 0 && current.customers === 0)} emptyText="No MRR moved this month.">
        <Typography variant="h4" component="p">{formatSignedMoney(current?.netNew ?? 0, overview.data?.currency ?? 'usd')}</Typography>
        <Typography color="text.secondary">New, expansion and reactivation less contraction and churn.</Typography>
      </HomeCardState>
    </HomeCard>
  );
}

function ChurnThisMonthCard() {
  const overview = useThisMonth();
  const current = overview.data?.current;
  const drill = current ? `${monthView()}&drillKind=churn&drillFrom=${current.startDay}&drillTo=${current.endDay}&drillLabel=${encodeURIComponent(`Churn, ${periodLabel(current)}`)}` : '/revenue';
  return (
    <HomeCard title="Churn this month" action={<HomeCardLink to={drill}>Who churned</HomeCardLink>}>
      <HomeCardState isPending={overview.isPending} error={overview.error} empty={!current || current.movementCounts.churn === 0} emptyText="No customer churned this month.">
        <Typography variant="h4" component="p">{formatMoney(-(current?.movements.churn ?? 0), overview.data?.currency)}</Typography>
        <Typography color="text.secondary">{current?.movementCounts.churn === 1 ? '1 customer churned.' : `${current?.movementCounts.churn} customers churned.`}</Typography>
      </HomeCardState>
    </HomeCard>
  );
}

function FailedPaymentsCard() {
  const to = today();
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const recovery = useRevenuePaymentRecovery({ policy: 'stripe', from, to, filter: {} });
  const open = recovery.data ? recovery.data.failedInvoices - recovery.data.recoveredWithin.days30 : 0;
  return (
    <HomeCard title="Failed payments to recover" action={<HomeCardLink to={`/revenue?from=${from}&to=${to}`}>See recovery</HomeCardLink>}>
      <HomeCardState isPending={recovery.isPending} error={recovery.error} empty={open === 0} emptyText="No failed payment waits for recovery (last 30 days).">
        <Typography variant="h4" component="p">{open}</Typography>
        <Typography color="text.secondary">{open === 1 ? 'invoice failed in the last 30 days and is not paid yet.' : 'invoices failed in the last 30 days and are not paid yet.'}</Typography>
      </HomeCardState>
    </HomeCard>
  );
}

export const revenueHomeCards: HomeCardDefinition[] = [
  { id: 'revenue-mrr', permission: 'revenue.read', leadsFor: ['finance'], order: 50, Card: MrrCard },
  { id: 'revenue-net-new', permission: 'revenue.read', leadsFor: ['finance'], order: 51, Card: NetNewMrrCard },
  { id: 'revenue-churn', permission: 'revenue.read', leadsFor: ['finance'], order: 52, Card: ChurnThisMonthCard },
  { id: 'revenue-failed-payments', permission: 'revenue.read', leadsFor: ['finance'], order: 53, Card: FailedPaymentsCard },
];

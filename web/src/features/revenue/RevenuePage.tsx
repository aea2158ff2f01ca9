import type { RevenuePolicyName } from '@opsdesk/shared';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { Alert, Button, Grid } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { ConsolePage } from '../../app/ConsolePage';
import { errorCode } from '../../app/trpcErrors';
import { PolicyComparison } from './PolicyComparison';
import { ReconciliationLink } from './reconciliation';
import { RevenueCharts } from './RevenueCharts';
import { RevenueControls } from './RevenueControls';
import { RevenueDefinitions } from './RevenueDefinitions';
import { RevenueDrillDown } from './RevenueDrillDown';
import { RevenueHeadlineCards } from './RevenueHeadlineCards';
import { useRevenueSeries } from './useRevenue';
import { useRevenueView } from './useRevenueView';

/**
 * Finance's Revenue page: headline numbers, charts and the customers behind any of them,
 * two policies side by side, for the view in the URL. Those without `revenue.read` see why instead (the server
 * refuses them too).
 */
export default function RevenuePage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'revenue', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <RevenueRefused />;
  return <RevenueContent />;
}

function RevenueRefused() {
  return (
    <Alert severity="warning" sx={{ mt: 2 }}>
      You do not have permission to see revenue. Finance and admin staff can.
    </Alert>
  );
}

function RevenueContent() {
  const [view, update] = useRevenueView();
  const series = useRevenueSeries(view);
  if (errorCode(series.error) === 'FORBIDDEN') return <RevenueRefused />;
  const currency = series.data?.currency ?? 'usd';
  const onDrill = (drill: NonNullable<typeof view.drill>) => update({ drill });
  return (
    <ConsolePage title="Revenue" actions={<ReconciliationLink />}>
      <RevenueControls view={view} onChange={update} />
      <RevenueDefinitions policy={view.policy} excludedSubscriptions={series.data?.excludedSubscriptions} />
      <RevenueHeadlineCards view={view} onDrill={onDrill} />
      <Grid container spacing={2}>
        <RevenueCharts view={view} series={series} onDrill={onDrill} />
      </Grid>
      {view.compare ? (
        <PolicyComparison view={view} compare={view.compare} onChange={(compare) => update({ compare })} onClose={() => update({ compare: null })} />
      ) : (
        <Button variant="outlined" startIcon={<CompareArrowsIcon />} sx={{ alignSelf: 'flex-start' }} onClick={() => update({ compare: { a: view.policy, b: otherPolicy(view.policy) } })}>
          Compare policies
        </Button>
      )}
      {view.drill && <RevenueDrillDown view={view} drill={view.drill} currency={currency} onClose={() => update({ drill: null })} />}
    </ConsolePage>
  );
}

/** The comparison opens against ChartMogul (every coupon), or Stripe when ChartMogul is already in force. */
const otherPolicy = (policy: RevenuePolicyName): RevenuePolicyName => (policy === 'chartmogul' ? 'stripe' : 'chartmogul');

import { Alert, Button, Grid, Typography } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../../app/ConsolePage';
import { errorCode } from '../../../app/trpcErrors';
import { ReconciliationRecentRuns } from './ReconciliationRecentRuns';
import { ReconciliationRunPanel } from './ReconciliationRunPanel';
import { ReconciliationStartForm } from './ReconciliationStartForm';
import { useRecentReconciliations } from './useReconciliation';

/**
 * Reconciliation with Stripe (docs/metrics.md): Opsdesk's MRR per customer on a day
 * against MRR recomputed from the Stripe API, run on the server in the background. The
 * run shown is in the URL (`?run=`), else the latest. Finance and admin only (the server
 * refuses everyone else too).
 */
export default function ReconciliationPage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'revenue', action: 'reconcile' });
  if (isPending) return null;
  if (!canAccess) return <ReconciliationRefused />;
  return <ReconciliationContent />;
}

function ReconciliationRefused() {
  return (
    <Alert severity="warning" sx={{ mt: 2 }}>
      You do not have permission to reconcile revenue with Stripe. Finance and admin staff can.
    </Alert>
  );
}

function ReconciliationContent() {
  const [params, setParams] = useSearchParams();
  const recent = useRecentReconciliations();
  if (errorCode(recent.error) === 'FORBIDDEN') return <ReconciliationRefused />;
  const runId = params.get('run') ?? recent.data?.[0]?.id ?? null;
  const select = (id: string) => setParams({ run: id });
  return (
    <ConsolePage
      title="Reconciliation"
      heading="Reconciliation with Stripe"
      actions={
        <Button component={RouterLink} to="/revenue">
          Back to Revenue
        </Button>
      }
    >
      <Typography color="text.secondary">
        Each customer's MRR in Opsdesk on a day against the MRR recomputed from Stripe's own subscriptions (Stripe policy), to the cent, with the reason for each difference where it is known.
      </Typography>
      <ReconciliationStartForm onStarted={select} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }} sx={{ minWidth: 0 }}>
          {runId ? <ReconciliationRunPanel runId={runId} /> : <Typography color="text.secondary">Start a reconciliation to see its totals here.</Typography>}
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }} component="section" aria-label="Recent runs" sx={{ minWidth: 0 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Recent runs
          </Typography>
          <ReconciliationRecentRuns runs={recent.data} error={recent.error} selectedId={runId} onSelect={select} />
        </Grid>
      </Grid>
    </ConsolePage>
  );
}

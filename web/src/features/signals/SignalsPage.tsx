import { Alert, Chip, Skeleton } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorCode, errorMessage } from '../../app/trpcErrors';
import { GoldenSignals } from './GoldenSignals';
import { hasSamples, SOURCE_LABELS } from './signalFormat';
import { SignalsControls } from './SignalsControls';
import { SignalStorageCard } from './SignalStorageCard';
import { signalsViewOf } from './signalsView';
import { useSignals, useSignalServices } from './useSignals';

/**
 * The Signals page: one service's four golden signals over a chosen range, with the
 * source they came from and, for the built-in source, what its samples cost. Read-only for everyone who may see it (support included).
 */
export default function SignalsPage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'signals', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <SignalsRefused />;
  return <SignalsContent />;
}

function SignalsRefused() {
  return (
    <Alert severity="warning" sx={{ mt: 2 }}>
      You do not have permission to see the signals. On-call, admin and support staff can.
    </Alert>
  );
}

function SignalsContent() {
  const [search, setSearch] = useSearchParams();
  const view = signalsViewOf(search);
  const services = useSignalServices();
  const signals = useSignals(view);
  if (errorCode(signals.error) === 'FORBIDDEN') return <SignalsRefused />;
  return (
    <ConsolePage title="Signals" badges={signals.data && <Chip size="small" variant="outlined" label={`Source: ${SOURCE_LABELS[signals.data.source]}`} />}>
      <SignalsControls view={view} services={services.data ?? []} onChange={(next) => setSearch({ service: next.service, range: next.range }, { replace: true })} />
      {signals.isPending ? (
        <Skeleton variant="rounded" height={480} role="status" aria-label="Loading the signals" />
      ) : signals.error ? (
        <Alert severity="error">{errorMessage(signals.error)}</Alert>
      ) : !hasSamples(signals.data) ? (
        <Alert severity="info">No samples for “{view.service}” in this range yet. Samples are written once a minute while the service answers requests.</Alert>
      ) : (
        <GoldenSignals result={signals.data} />
      )}
      {signals.data?.source === 'builtin' && <SignalStorageCard />}
    </ConsolePage>
  );
}

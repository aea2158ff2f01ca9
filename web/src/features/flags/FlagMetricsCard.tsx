import { Alert, Skeleton, Stack, Typography } from '@mui/material';
import { ChartViewScope, ChartViewSwitch } from '../../app/ChartOrTable';
import { errorMessage } from '../../app/trpcErrors';
import { evaluationsByEnvironment, formatCount, yesShareText } from './flagMetrics';
import { FlagMetricsChart } from './FlagMetricsChart';
import { SectionCard } from '../../app/SectionCard';
import { formatDateTime } from './flagText';
import { useFlagMetrics } from './useFlagActivity';
import { useFlagEnvironments } from './useFlags';

/** How often the product asked for the flag over the last 7 days and what it got, per environment. */
export function FlagMetricsCard({ flagKey }: { flagKey: string }) {
  const metrics = useFlagMetrics(flagKey);
  const order = (useFlagEnvironments().data ?? []).map((env) => env.name);
  const hasBars = (metrics.data?.buckets.length ?? 0) > 0;
  return (
    <ChartViewScope storeKey="flags.evaluations" title="Evaluation metrics">
      <SectionCard title="Evaluation metrics" action={hasBars ? <ChartViewSwitch /> : undefined}>
        {metrics.isPending && <Skeleton variant="rounded" height={120} role="status" aria-label="Loading the evaluation metrics" />}
        {metrics.error && <Alert severity="error">{errorMessage(metrics.error)}</Alert>}
        {metrics.data && metrics.data.lastReportedAt === null && metrics.data.buckets.length === 0 && (
          <Typography color="text.secondary">The product has not reported evaluations for this flag yet — SDKs send them to /api/client/metrics.</Typography>
        )}
        {metrics.data && (metrics.data.lastReportedAt !== null || metrics.data.buckets.length > 0) && (
          <Stack spacing={1}>
            <Typography>
              Last 7 days: {formatCount(metrics.data.totals.yes)} yes, {formatCount(metrics.data.totals.no)} no ({yesShareText(metrics.data.totals)}).
            </Typography>
            {metrics.data.buckets.length > 0 ? (
              <>
                <FlagMetricsChart rows={evaluationsByEnvironment(metrics.data.buckets, order)} />
                <Typography variant="body2" component="p" sx={{ overflowWrap: 'anywhere' }}>
                  {evaluationsByEnvironment(metrics.data.buckets, order)
                    .map((row) => `${row.environment}: ${formatCount(row.yes)} yes, ${formatCount(row.no)} no`)
                    .join(' · ')}
                </Typography>
              </>
            ) : (
              <Typography color="text.secondary">No evaluations in the last 7 days.</Typography>
            )}
            <Typography variant="caption" color="text.secondary">
              Last reported {formatDateTime(metrics.data.lastReportedAt)}.
            </Typography>
          </Stack>
        )}
      </SectionCard>
    </ChartViewScope>
  );
}

import { Grid, useTheme } from '@mui/material';
import type { SignalsResult } from '@opsdesk/shared';
import { ErrorsByCodeTable } from './ErrorsByCodeTable';
import { chartRows, formatBytes, formatMs, formatPercent, formatPercentiles, formatRate } from './signalFormat';
import { SignalLineChart } from './SignalLineChart';
import { ChartCaption, SignalSection } from './SignalSection';

/**
 * The four golden signals of one service over the range: traffic, errors (ratio and by
 * code), latency (p50/p95/p99, success and failure apart, since fast failures would
 * otherwise flatter the percentiles) and saturation.
 */
export function GoldenSignals({ result }: { result: SignalsResult }) {
  const theme = useTheme();
  const rows = chartRows(result);
  const { totals, stepSeconds } = result;
  const chart = { rows, stepSeconds };
  const rangeSeconds = (Date.parse(result.to) - Date.parse(result.from)) / 1000;
  const percentiles = (prefix: 'success' | 'failure', colour: string) => [
    { key: `${prefix}P50` as const, name: 'p50', colour, dashed: true },
    { key: `${prefix}P95` as const, name: 'p95', colour: theme.palette.warning.main },
    { key: `${prefix}P99` as const, name: 'p99', colour: theme.palette.error.main },
  ];
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 6 }}>
        <SignalSection title="Traffic" figure={`${totals.requests.toLocaleString('en-US')} requests · ${formatRate(totals.requests / rangeSeconds)} average`}>
          <SignalLineChart {...chart} title="Requests per second" format={formatRate} lines={[{ key: 'requestsPerSecond', name: 'Requests per second', colour: theme.palette.primary.main }]} />
        </SignalSection>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <SignalSection title="Errors" figure={`${totals.errors.toLocaleString('en-US')} failed · ${formatPercent(totals.requests > 0 ? totals.errors / totals.requests : null)}`}>
          <SignalLineChart {...chart} title="Error ratio" format={formatPercent} lines={[{ key: 'errorRatio', name: 'Error ratio', colour: theme.palette.error.main }]} />
          <ErrorsByCodeTable errorsByCode={totals.errorsByCode} />
        </SignalSection>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <SignalSection title="Latency">
          <ChartCaption>Successful requests: {formatPercentiles(totals.latencySuccessMs)}</ChartCaption>
          <SignalLineChart {...chart} title="Latency of successful requests" format={formatMs} lines={percentiles('success', theme.palette.primary.main)} />
          <ChartCaption>Failed requests: {formatPercentiles(totals.latencyFailureMs)}</ChartCaption>
          <SignalLineChart {...chart} title="Latency of failed requests" format={formatMs} height={160} lines={percentiles('failure', theme.palette.info.main)} />
        </SignalSection>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <SignalSection title="Saturation">
          <ChartCaption>Connection pools in use</ChartCaption>
          <SignalLineChart
            {...chart}
            title="Connection pools in use"
            format={formatPercent}
            lines={[
              { key: 'poolInUseRatio', name: 'Opsdesk pool in use / max', colour: theme.palette.primary.main },
              { key: 'postgresConnectionsRatio', name: 'PostgreSQL connections / max_connections', colour: theme.palette.warning.main },
            ]}
          />
          <ChartCaption>Event-loop lag (p99)</ChartCaption>
          <SignalLineChart {...chart} title="Event-loop lag (p99)" format={formatMs} height={140} lines={[{ key: 'eventLoopLagP99Ms', name: 'Event-loop lag p99', colour: theme.palette.info.main }]} />
          <ChartCaption>Memory (resident)</ChartCaption>
          <SignalLineChart {...chart} title="Resident memory" format={formatBytes} height={140} lines={[{ key: 'rssBytes', name: 'Resident memory', colour: theme.palette.secondary.main }]} />
        </SignalSection>
      </Grid>
    </Grid>
  );
}

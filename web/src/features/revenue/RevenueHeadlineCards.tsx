import type { MovementKind, TRevenuePeriod } from '@opsdesk/shared';
import { Alert, Card, CardActionArea, CardContent, Grid, Skeleton, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { periodLabel } from './periodWords';
import { formatMoney, formatRatio, formatSignedMoney } from './revenueFormat';
import type { RevenueDrill } from './revenueView';
import { useRevenueOverview } from './useRevenue';

/**
 * The six headline numbers for the month of `to`, each with its change against the
 * month before. Each card opens the customers behind it (the month's movements, or only
 * its churn for the churn rate).
 */
interface Headline {
  label: string;
  value: string;
  change: string;
  kind?: MovementKind;
}

function headlines(current: TRevenuePeriod, previous: TRevenuePeriod, currency: string): Headline[] {
  const points = (now: number | null, before: number | null) => (now === null || before === null ? '—' : `${now >= before ? '+' : '−'}${Math.abs((now - before) * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} pts`);
  return [
    { label: 'MRR', value: formatMoney(current.mrr, currency), change: formatSignedMoney(current.mrr - previous.mrr, currency) },
    { label: 'ARR', value: formatMoney(current.arr, currency), change: formatSignedMoney(current.arr - previous.arr, currency) },
    { label: 'Paying customers', value: current.customers.toLocaleString('en-US'), change: `${current.customers >= previous.customers ? '+' : '−'}${Math.abs(current.customers - previous.customers)}` },
    { label: 'ARPA', value: formatMoney(current.arpa, currency), change: current.arpa === null || previous.arpa === null ? '—' : formatSignedMoney(current.arpa - previous.arpa, currency) },
    { label: 'Subscriber churn', value: formatRatio(current.subscriberChurnRate), change: points(current.subscriberChurnRate, previous.subscriberChurnRate), kind: 'churn' },
    { label: 'NRR', value: formatRatio(current.nrr), change: points(current.nrr, previous.nrr) },
  ];
}

export function RevenueHeadlineCards({ view, onDrill }: { view: Parameters<typeof useRevenueOverview>[0]; onDrill: (drill: RevenueDrill) => void }) {
  const overview = useRevenueOverview(view);
  if (overview.error) return <Alert severity="error">{errorMessage(overview.error)}</Alert>;
  const data = overview.data;
  const cards = data ? headlines(data.current, data.previous, data.currency) : null;
  return (
    <Grid container spacing={2} component="section" aria-label="Headline numbers">
      {(cards ?? Array.from({ length: 6 }, () => null)).map((card, index) => (
        <Grid key={card?.label ?? index} size={{ xs: 6, md: 4, xl: 2 }}>
          <Card variant="outlined" sx={{ height: '100%' }}>
            {card && data ? (
              <CardActionArea
                sx={{ height: '100%' }}
                aria-label={`${card.label} ${card.value}: show the customers behind it`}
                onClick={() => onDrill({ kind: card.kind, from: data.current.startDay, to: data.current.endDay, label: `${card.label}, ${periodLabel(data.current)}` })}
              >
                <HeadlineContent {...card} previousPeriod={periodLabel(data.previous)} />
              </CardActionArea>
            ) : (
              <CardContent role="status" aria-label="Loading headline number">
                <Skeleton variant="text" width="50%" />
                <Skeleton variant="text" height={40} />
                <Skeleton variant="text" width="70%" />
              </CardContent>
            )}
          </Card>
        </Grid>
      ))}
    </Grid>
  );
}

function HeadlineContent({ label, value, change, previousPeriod }: Headline & { previousPeriod: string }) {
  return (
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ overflowWrap: 'anywhere' }}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {change} vs {previousPeriod}
      </Typography>
    </CardContent>
  );
}

import type { MovementKind, TRevenuePeriod } from '@opsdesk/shared';
import { Alert, Card, CardActionArea, CardContent, Grid, Skeleton, Typography } from '@mui/material';
import { useId } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { periodLabel } from './periodWords';
import { headlineChange, signedCount, signedPoints } from './headlineChange';
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
  /** The last line: the change against `previous` in words (headlineChange.ts). */
  change: string;
  kind?: MovementKind;
}

function headlines(current: TRevenuePeriod, previous: TRevenuePeriod, currency: string): Headline[] {
  const before = periodLabel(previous);
  const money = (delta: number) => formatSignedMoney(delta, currency);
  return [
    { label: 'MRR', value: formatMoney(current.mrr, currency), change: headlineChange(current.mrr, previous.mrr, money, before) },
    { label: 'ARR', value: formatMoney(current.arr, currency), change: headlineChange(current.arr, previous.arr, money, before) },
    { label: 'Paying customers', value: current.customers.toLocaleString('en-US'), change: headlineChange(current.customers, previous.customers, signedCount, before) },
    { label: 'ARPA', value: formatMoney(current.arpa, currency), change: headlineChange(current.arpa, previous.arpa, money, before) },
    { label: 'Subscriber churn', value: formatRatio(current.subscriberChurnRate), change: headlineChange(current.subscriberChurnRate, previous.subscriberChurnRate, signedPoints, before), kind: 'churn' },
    { label: 'NRR', value: formatRatio(current.nrr), change: headlineChange(current.nrr, previous.nrr, signedPoints, before) },
  ];
}

export function RevenueHeadlineCards({ view, onDrill }: { view: Parameters<typeof useRevenueOverview>[0]; onDrill: (drill: RevenueDrill) => void }) {
  const overview = useRevenueOverview(view);
  if (overview.error) return <Alert severity="error">{errorMessage(overview.error)}</Alert>;
  const data = overview.data;
  const cards = data ? headlines(data.current, data.previous, data.currency) : null;
  const drillHintId = useId();
  return (
    <Grid container spacing={2} component="section" aria-label="Headline numbers">
      <span id={drillHintId} hidden>
        Show the customers behind it
      </span>
      {(cards ?? Array.from({ length: 6 }, () => null)).map((card, index) => (
        <Grid key={card?.label ?? index} size={{ xs: 12, sm: 6, md: 4, xl: 2 }}>
          <Card variant="outlined" sx={{ height: '100%' }}>
            {card && data ? (
              <CardActionArea
                sx={{ height: '100%' }}
                // Named by the words it shows (an aria-label in other words hid them from voice control,
                // WCAG 2.5.3); what a click does is its description.
                aria-describedby={drillHintId}
                onClick={() => onDrill({ kind: card.kind, from: data.current.startDay, to: data.current.endDay, label: `${card.label}, ${periodLabel(data.current)}` })}
              >
                <HeadlineContent {...card} />
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

function HeadlineContent({ label, value, change }: Headline) {
  return (
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ overflowWrap: 'anywhere' }}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {change}
      </Typography>
    </CardContent>
  );
}

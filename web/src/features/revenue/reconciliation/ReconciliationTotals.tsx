import type { TReconciliationRun, TReconciliationTotals } from '@opsdesk/shared';
import { Card, CardContent, Grid, Typography } from '@mui/material';
import { formatMoney, formatSignedMoney } from '../revenueFormat';

/** Opsdesk's MRR, Stripe's and the difference (Stripe − Opsdesk) on the day, as money; then what was compared. */
export function ReconciliationTotals({ run, totals }: { run: TReconciliationRun; totals: TReconciliationTotals }) {
  const cards = [
    { label: 'Opsdesk MRR', value: formatMoney(totals.opsdeskCents, run.currency) },
    { label: 'Stripe MRR', value: formatMoney(totals.stripeCents, run.currency) },
    { label: 'Difference', value: formatSignedMoney(totals.differenceCents, run.currency) },
  ];
  const excluded = run.excludedSubscriptions ?? 0;
  return (
    <section aria-label="Totals">
      <Grid container spacing={2}>
        {cards.map((card) => (
          <Grid key={card.label} size={{ xs: 12, sm: 4 }}>
            <Card variant="outlined" component="section" aria-label={card.label}>
              <CardContent>
                <Typography variant="body2" color="text.secondary">
                  {card.label}
                </Typography>
                <Typography variant="h5" component="p" sx={{ overflowWrap: 'anywhere' }}>
                  {card.value}
                </Typography>
              </CardContent>
            </Card>
          </Grid>
        ))}
      </Grid>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {`${(run.customersCompared ?? 0).toLocaleString('en-US')} customers compared; ${(run.differencesCount ?? 0).toLocaleString('en-US')} listed below`}
        {excluded > 0 ? `; ${excluded.toLocaleString('en-US')} subscription${excluded === 1 ? '' : 's'} in another currency, in neither total.` : '.'}
      </Typography>
    </section>
  );
}

import { Box, Card, CardContent, Typography } from '@mui/material';
import type { SloSummary } from '@opsdesk/shared';
import { budgetText, burnNowText, exhaustionText, objectiveLabel, shownStatus, sliText, sloSliLabel } from './sloText';

/** The SLO's figures as labelled cards: what it measures, where it stands, and how fast the budget goes. */
export function SloFacts({ slo }: { slo: SloSummary }) {
  const status = shownStatus(slo);
  const facts = [
    { label: 'SLI', value: sloSliLabel(slo) },
    { label: 'Objective', value: objectiveLabel(slo) },
    { label: 'SLI over the window', value: sliText(status) },
    { label: 'Error budget remaining', value: budgetText(status) },
    { label: 'Burn rate now (1 h)', value: burnNowText(status) },
    { label: 'Time to exhaustion', value: exhaustionText(status) },
  ];
  return (
    <Box component="section" aria-label="SLO figures" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))', lg: 'repeat(6, minmax(0, 1fr))' } }}>
      {facts.map((fact) => (
        <Card key={fact.label} variant="outlined" aria-label={fact.label}>
          <CardContent>
            <Typography variant="body2" color="text.secondary">
              {fact.label}
            </Typography>
            <Typography variant="h6" component="p" sx={{ overflowWrap: 'anywhere' }}>
              {fact.value}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}

import { Box, Card, CardContent, Typography } from '@mui/material';
import { flagTypeLabel, formatDateTime } from './flagText';
import type { FlagDetail } from './FlagShow';

/** The flag's details as labelled cards (each a region named by its label). */
export function FlagFacts({ flag, ownerName }: { flag: FlagDetail; ownerName: string }) {
  const facts = [
    { label: 'Type', value: flagTypeLabel(flag.type) },
    { label: 'Owner', value: ownerName },
    { label: 'Tags', value: flag.tags.length > 0 ? flag.tags.join(', ') : 'none' },
    { label: 'Created', value: formatDateTime(flag.createdAt) },
    { label: 'Last changed', value: formatDateTime(flag.updatedAt) },
  ];
  return (
    <Box component="section" aria-label="Flag details" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))', lg: 'repeat(5, minmax(0, 1fr))' } }}>
      {facts.map((fact) => (
        <Card key={fact.label} variant="outlined" component="section" aria-label={fact.label}>
          <CardContent>
            <Typography variant="body2" color="text.secondary">
              {fact.label}
            </Typography>
            <Typography variant="subtitle1" component="p" sx={{ overflowWrap: 'anywhere' }}>
              {fact.value}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}

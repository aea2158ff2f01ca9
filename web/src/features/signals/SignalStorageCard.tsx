import { Alert, Box, Card, CardContent, Skeleton, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { signalStorageFacts } from './signalStorage';
import { useSignalStorage } from './useSignals';

/**
 * The built-in source's table (ops.signal_samples): rows, size, oldest sample and the
 * retention that bounds it, so "is this table growing without end?" has an answer on the page.
 */
export function SignalStorageCard() {
  const storage = useSignalStorage();
  return (
    <Card component="section" aria-label="Storage" variant="outlined" sx={{ minWidth: 0 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Storage of the built-in samples
        </Typography>
        {storage.isPending && <Skeleton variant="rounded" height={48} aria-label="Loading the storage" />}
        {storage.error && <Alert severity="error">{errorMessage(storage.error)}</Alert>}
        {storage.data && (
          <Box component="dl" sx={{ m: 0, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' } }}>
            {signalStorageFacts(storage.data).map(([label, value]) => (
              <div key={label}>
                <Typography component="dt" variant="caption" color="text.secondary">
                  {label}
                </Typography>
                <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                  {value}
                </Typography>
              </div>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

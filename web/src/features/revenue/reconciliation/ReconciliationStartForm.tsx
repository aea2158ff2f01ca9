import { todayUtc } from '@opsdesk/shared';
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { errorMessage } from '../../../app/trpcErrors';
import { useStartReconciliation } from './useReconciliation';

/** The day (UTC, default today) and Start. A day already being reconciled shows that run instead of a second one. */
export function ReconciliationStartForm({ onStarted }: { onStarted: (runId: string) => void }) {
  const [day, setDay] = useState(todayUtc());
  const start = useStartReconciliation((run) => onStarted(run.id));
  return (
    <Stack
      component="form"
      aria-label="Start a reconciliation"
      direction="row"
      flexWrap="wrap"
      useFlexGap
      gap={2}
      alignItems="flex-start"
      onSubmit={(event) => {
        event.preventDefault();
        start.mutate({ day });
      }}
    >
      <TextField
        label="Day"
        type="date"
        size="small"
        value={day}
        onChange={(event) => event.target.value && setDay(event.target.value)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: todayUtc() } }}
        helperText="UTC; Stripe is read as it is now"
        sx={{ flex: '0 1 200px' }}
      />
      <Button type="submit" variant="contained" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start reconciliation'}
      </Button>
      {start.error && (
        <Alert severity="error" sx={{ flexBasis: '100%' }}>
          {errorMessage(start.error)}
        </Alert>
      )}
    </Stack>
  );
}

import type { TFlagEnvironmentRules } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../app/formatDateTime';
import { errorMessage } from '../../../app/trpcErrors';
import { useDialogLayout } from '../../../app/useDialogLayout';
import { RulesDiff } from '../changes/RulesDiff';
import { useScheduleChange } from './useEnvironmentChange';

/** "Schedule instead": the same edited state, applied at a chosen time by a durable job (listed on the flag, cancellable). */
export function ScheduleDialog(props: { open: boolean; onClose: () => void; flagKey: string; environment: string; before: TFlagEnvironmentRules; after: TFlagEnvironmentRules; onScheduled: () => void }) {
  const titleId = useId();
  const layout = useDialogLayout();
  const [runAt, setRunAt] = useState('');
  const [touched, setTouched] = useState(false);
  const schedule = useScheduleChange();
  useEffect(() => {
    if (!props.open) return;
    setRunAt('');
    setTouched(false);
    schedule.reset();
    // Once per opening; `schedule` changes identity on every state change.
  }, [props.open]);

  // datetime-local is the browser's local time, without a zone: Date reads it the same way.
  const when = runAt ? new Date(runAt) : null;
  const problem = !when || Number.isNaN(when.getTime()) ? 'Choose a day and time.' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || !when || schedule.isPending) return;
    schedule.mutate({ key: props.flagKey, environment: props.environment, ...props.after, runAt: when.toISOString() }, { onSuccess: props.onScheduled });
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={titleId} maxWidth="md" {...layout}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Schedule this change in {props.environment}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              type="datetime-local"
              label="Apply at (your local time)"
              value={runAt}
              onChange={(event) => setRunAt(event.target.value)}
              error={touched && problem !== null}
              helperText={touched ? problem : ' '}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <RulesDiff before={props.before} after={props.after} />
            {schedule.isError && <Alert severity="error">{errorMessage(schedule.error)}</Alert>}
            {schedule.isSuccess && when && (
              <Alert severity="success" role="status">
                Scheduled for {formatDateTime(when)}. It is listed on the flag until it applies, and can be cancelled there.
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{schedule.isSuccess ? 'Close' : 'Cancel'}</Button>
          {!schedule.isSuccess && (
            <Button type="submit" variant="contained" disabled={schedule.isPending}>
              {schedule.isPending ? 'Scheduling…' : 'Schedule'}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}

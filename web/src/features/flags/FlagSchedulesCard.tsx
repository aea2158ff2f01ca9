import { Alert, Button, List, ListItem, ListItemText, Skeleton, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { FlagConfirmDialog } from './FlagConfirmDialog';
import { SectionCard } from '../../app/SectionCard';
import { formatDateTime, scheduledStateText, scheduleStatusText } from './flagText';
import { useCancelSchedule, useFlagSchedules } from './useFlagActivity';

type Schedule = NonNullable<ReturnType<typeof useFlagSchedules>['data']>[number];

/** The flag's scheduled changes, soonest first; editors may cancel a pending one (the server checks the environment). */
export function FlagSchedulesCard({ flagKey }: { flagKey: string }) {
  const schedules = useFlagSchedules({ key: flagKey, limit: 50 });
  const { canAccess: canEdit } = useCanAccess({ resource: 'flags', action: 'edit' });
  const [cancelling, setCancelling] = useState<Schedule | null>(null);
  const cancel = useCancelSchedule();
  const close = () => {
    cancel.reset();
    setCancelling(null);
  };
  return (
    <SectionCard title="Scheduled changes">
      {schedules.isPending && <Skeleton variant="rounded" height={60} role="status" aria-label="Loading the scheduled changes" />}
      {schedules.error && <Alert severity="error">{errorMessage(schedules.error)}</Alert>}
      {schedules.data?.length === 0 && <Typography color="text.secondary">Nothing is scheduled for this flag.</Typography>}
      {schedules.data && schedules.data.length > 0 && (
        <List dense disablePadding aria-label="Scheduled changes of this flag">
          {schedules.data.map((schedule) => (
            <ListItem
              key={schedule.id}
              disableGutters
              secondaryAction={
                canEdit && schedule.status === 'pending' ? (
                  <Button size="small" color="warning" onClick={() => setCancelling(schedule)} aria-label={`Cancel the change of ${formatDateTime(schedule.runAt)} in ${schedule.environment}`}>
                    Cancel
                  </Button>
                ) : undefined
              }
              sx={{ pr: canEdit && schedule.status === 'pending' ? 10 : 0 }}
            >
              <ListItemText
                primary={`${formatDateTime(schedule.runAt)} · ${schedule.environment}: ${scheduledStateText(schedule)}`}
                secondary={`${scheduleStatusText(schedule.status, schedule.jobStatus)} · scheduled by ${schedule.createdByEmail}${schedule.error ? ` · ${schedule.error}` : ''}`}
                slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } }, secondary: { sx: { overflowWrap: 'anywhere' } } }}
              />
            </ListItem>
          ))}
        </List>
      )}
      <FlagConfirmDialog
        open={cancelling !== null}
        title="Cancel this scheduled change?"
        text={cancelling ? `The change of ${formatDateTime(cancelling.runAt)} in ${cancelling.environment} (${scheduledStateText(cancelling)}) will not be applied.` : ''}
        confirmLabel="Cancel the change"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancelling && cancel.mutate(cancelling.id, { onSuccess: close })}
        onClose={close}
      />
    </SectionCard>
  );
}

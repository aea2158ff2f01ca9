import { Chip, Stack } from '@mui/material';
import type { SloStatusView } from '@opsdesk/shared';
import { ALERT_STATE_LABELS, NOT_ENOUGH_DATA, NOT_EVALUATED } from './sloText';

/** An SLO's alerts at a glance: a chip per firing rule, else "OK" or "Not enough data" (never OK when the guard held). */
export function SloAlertStates({ status }: { status: SloStatusView | null }) {
  if (!status) return <Chip size="small" variant="outlined" label={NOT_EVALUATED} />;
  const firing = status.alerts.filter((alert) => alert.state === 'firing');
  if (firing.length > 0) {
    return (
      <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
        {firing.map((alert) => (
          <Chip key={alert.rule} size="small" color={alert.severity === 'page' ? 'error' : 'warning'} label={`Firing: ${alert.rule}`} />
        ))}
      </Stack>
    );
  }
  const quiet = status.alerts.length > 0 && status.alerts.every((alert) => alert.state === 'not_enough_data');
  return <Chip size="small" variant="outlined" color={quiet ? 'default' : 'success'} label={quiet ? NOT_ENOUGH_DATA : ALERT_STATE_LABELS.inactive} />;
}

import { MenuItem, Stack, TextField } from '@mui/material';
import { SIGNAL_RANGE_NAMES, type SignalRange, type TSignalsQueryRequest } from '@opsdesk/shared';
import { RANGE_LABELS } from './signalsView';

/** Which service and which range; both land in the URL. The current service stays listed even before it has samples. */
export function SignalsControls({ view, services, onChange }: { view: TSignalsQueryRequest; services: string[]; onChange: (view: TSignalsQueryRequest) => void }) {
  const choices = services.includes(view.service) ? services : [view.service, ...services];
  const select = { select: true, size: 'small', sx: { minWidth: 180, flex: '1 1 180px' } } as const;
  return (
    <Stack component="form" aria-label="Signals view" direction="row" flexWrap="wrap" useFlexGap gap={2} onSubmit={(event) => event.preventDefault()}>
      <TextField {...select} label="Service" value={view.service} onChange={(event) => onChange({ ...view, service: event.target.value })}>
        {choices.map((service) => (
          <MenuItem key={service} value={service}>
            {service}
          </MenuItem>
        ))}
      </TextField>
      <TextField {...select} label="Range" value={view.range} onChange={(event) => onChange({ ...view, range: event.target.value as SignalRange })}>
        {SIGNAL_RANGE_NAMES.map((range) => (
          <MenuItem key={range} value={range}>
            {RANGE_LABELS[range]}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

import { Grid, MenuItem, Slider, TextField, Typography } from '@mui/material';
import type { TStrategyForm } from './strategyForm';

/** A gradual rollout: the share as slider and number, who sticks to their answer, and the bucketing group. */
const STICKINESS = [
  { value: 'default', label: 'Default (user, else session, else random)' },
  { value: 'userId', label: 'User id' },
  { value: 'sessionId', label: 'Session id' },
  { value: 'random', label: 'Random (no stickiness)' },
];

export function RolloutFields({ form, onChange, label }: { form: TStrategyForm; onChange: (patch: Partial<TStrategyForm>) => void; label: string }) {
  const options = STICKINESS.some((s) => s.value === form.stickiness) ? STICKINESS : [...STICKINESS, { value: form.stickiness, label: `Context field ${form.stickiness}` }];
  return (
    <Grid container spacing={2} alignItems="center">
      <Grid size={{ xs: 12, md: 6 }}>
        <Typography id={`${label}-rollout-label`} variant="body2" color="text.secondary">
          Rollout
        </Typography>
        <Slider
          value={form.rollout}
          min={0}
          max={100}
          step={1}
          valueLabelDisplay="auto"
          onChange={(_event, value) => onChange({ rollout: value as number })}
          slotProps={{ input: { 'aria-label': `${label} rollout slider` } }}
          aria-labelledby={`${label}-rollout-label`}
        />
      </Grid>
      <Grid size={{ xs: 4, md: 2 }}>
        <TextField
          label="Rollout %"
          type="number"
          size="small"
          value={Number.isNaN(form.rollout) ? '' : form.rollout}
          onChange={(event) => onChange({ rollout: event.target.value === '' ? Number.NaN : Number(event.target.value) })}
          slotProps={{ htmlInput: { min: 0, max: 100, step: 1 } }}
        />
      </Grid>
      <Grid size={{ xs: 8, md: 4 }}>
        <TextField select fullWidth size="small" label="Stickiness" value={form.stickiness} onChange={(event) => onChange({ stickiness: event.target.value })}>
          {options.map((option) => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextField
          fullWidth
          size="small"
          label="Group id"
          value={form.groupId}
          onChange={(event) => onChange({ groupId: event.target.value })}
          helperText="Users with the same group id and rollout land in the same bucket; the flag key by default."
        />
      </Grid>
    </Grid>
  );
}

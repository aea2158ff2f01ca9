import { Autocomplete, Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import { ConstraintRows } from './ConstraintRows';
import { RolloutFields } from './RolloutFields';
import type { TStrategyForm, StrategyKind } from './strategyForm';
import { TargetingFields } from './TargetingFields';

/** The form of one strategy, by kind, then who it applies to (targeting, conditions, segments). */
export const KIND_LABELS: Record<StrategyKind, string> = {
  default: 'Everyone',
  userWithId: 'Specific users',
  flexibleRollout: 'Gradual rollout',
  remoteAddress: 'IP addresses',
  other: 'Other (kept as imported)',
};

export interface SegmentOption {
  id: number;
  name: string;
}

export function StrategyEditor(props: { form: TStrategyForm; onChange: (next: TStrategyForm) => void; label: string; segments: SegmentOption[] }) {
  const { form, label } = props;
  const patch = (next: Partial<TStrategyForm>) => props.onChange({ ...form, ...next });
  const kinds = (Object.keys(KIND_LABELS) as StrategyKind[]).filter((kind) => kind !== 'other' || form.kind === 'other');
  const chosenSegments = props.segments.filter((s) => form.segments.includes(s.id));
  return (
    <Stack spacing={2}>
      <TextField select size="small" label="Kind" value={form.kind} onChange={(event) => patch({ kind: event.target.value as StrategyKind })} sx={{ maxWidth: 280 }}>
        {kinds.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {KIND_LABELS[kind]}
          </MenuItem>
        ))}
      </TextField>
      {form.kind === 'flexibleRollout' && <RolloutFields form={form} onChange={patch} label={label} />}
      {form.kind === 'userWithId' && (
        <TextField label="User ids (one per line)" multiline minRows={2} value={form.userIds} onChange={(event) => patch({ userIds: event.target.value })} />
      )}
      {form.kind === 'remoteAddress' && (
        <TextField label="IP addresses or ranges (one per line, e.g. 10.0.0.0/8)" multiline minRows={2} value={form.ips} onChange={(event) => patch({ ips: event.target.value })} />
      )}
      <TargetingFields value={form.targeting} onChange={(targeting) => patch({ targeting })} idPrefix={label.replaceAll(' ', '-')} />
      <ConstraintRows rows={form.constraints} onChange={(constraints) => patch({ constraints })} label={label} />
      {(props.segments.length > 0 || form.segments.length > 0) && (
        <Autocomplete
          multiple
          options={props.segments}
          getOptionLabel={(segment) => segment.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          value={[...chosenSegments, ...form.segments.filter((id) => !chosenSegments.some((s) => s.id === id)).map((id) => ({ id, name: `#${id}` }))]}
          onChange={(_event, chosen) => patch({ segments: chosen.map((s) => s.id) })}
          renderInput={(params) => <TextField {...params} label="Segments" helperText="Every chosen segment's conditions must hold too" />}
        />
      )}
      <FormControlLabel control={<Checkbox checked={form.disabled} onChange={(event) => patch({ disabled: event.target.checked })} />} label="Disabled (kept, but skipped)" />
    </Stack>
  );
}

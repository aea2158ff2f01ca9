import { Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import type { SloFormErrors, SloFormValues } from './sloForm';

/** The SLO's fields; each shows its message from the shared schema (or the server) underneath. */
export function SloFormFields({ values, errors, editing, onChange }: { values: SloFormValues; errors: SloFormErrors; editing: boolean; onChange: (values: SloFormValues) => void }) {
  const text = (field: keyof SloFormValues, label: string, hint: string, extra: { maxLength?: number; numeric?: boolean; multiline?: boolean; required?: boolean } = {}) => (
    <TextField
      label={label}
      name={field}
      required={extra.required}
      multiline={extra.multiline}
      minRows={extra.multiline ? 2 : undefined}
      value={values[field]}
      onChange={(event) => onChange({ ...values, [field]: event.target.value })}
      error={Boolean(errors[field])}
      helperText={errors[field] ?? hint}
      slotProps={{ htmlInput: extra.numeric ? { inputMode: 'decimal' } : { maxLength: extra.maxLength } }}
      fullWidth
    />
  );
  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {text('service', 'Service', 'Lower-case letters, digits and hyphens, e.g. api.', { maxLength: 63, required: true })}
        {text('name', 'Name', 'e.g. availability or latency.', { maxLength: 63, required: true })}
      </Stack>
      {text('description', 'Description', 'What the SLO promises, in a sentence.', { maxLength: 300 })}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField select label="SLI" value={values.sliKind} onChange={(event) => onChange({ ...values, sliKind: event.target.value as SloFormValues['sliKind'] })} error={Boolean(errors.sliKind)} helperText={errors.sliKind ?? 'What counts as a good request.'} fullWidth>
          <MenuItem value="availability">Availability: requests that do not fail</MenuItem>
          <MenuItem value="latency">Latency: requests under a threshold</MenuItem>
        </TextField>
        {values.sliKind === 'latency' && text('thresholdMs', 'Threshold (ms)', 'A bucket bound, e.g. 300.', { numeric: true, required: true })}
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {text('objectivePercent', 'Objective (%)', 'Share of valid requests that must be good, e.g. 99.5.', { numeric: true, required: true })}
        <TextField select label="Window" value={values.windowDays} onChange={(event) => onChange({ ...values, windowDays: event.target.value as SloFormValues['windowDays'] })} error={Boolean(errors.windowDays)} helperText={errors.windowDays ?? 'Rolling.'} fullWidth>
          <MenuItem value="7">7 days</MenuItem>
          <MenuItem value="30">30 days</MenuItem>
        </TextField>
        {text('minValidRequests', 'Minimum requests per window', 'Fewer shows “not enough data” and never alerts.', { numeric: true, required: true })}
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {text('runbookAction', 'Runbook action', 'The action its alerts open, e.g. webhooks.replayBacklog. Empty for none.', { maxLength: 100 })}
        {text('runbookParams', 'Action parameters (JSON)', '{{service}}, {{slo}}, {{alert}} and {{severity}} are filled from the alert.', { maxLength: 4000 })}
      </Stack>
      <FormControlLabel control={<Checkbox checked={values.notify} onChange={(event) => onChange({ ...values, notify: event.target.checked })} />} label="Send its alerts to the alert webhook" />
      {text('reason', editing ? 'Reason for the change' : 'Reason', 'Kept in the audit log.', { maxLength: 1000, multiline: true })}
    </Stack>
  );
}

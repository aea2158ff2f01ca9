import { BILLING_INTERVALS, REVENUE_INTERVALS, REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import { MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { POLICY_LABELS } from './revenueFormat';
import type { RevenueInterval, RevenueView } from './revenueView';

/**
 * The view's controls: range, interval, policy and filters. Plan and country apply when
 * the field is left (or Enter pressed), not on every keystroke, so typing does not fire
 * a request per letter; the rest apply at once. All of it lands in the URL.
 */
export function RevenueControls({ view, onChange }: { view: RevenueView; onChange: (change: Partial<RevenueView>) => void }) {
  const select = { select: true, size: 'small', sx: { minWidth: 140, flex: '1 1 140px' } } as const;
  return (
    <Stack component="form" aria-label="Revenue view" direction="row" flexWrap="wrap" useFlexGap gap={2} onSubmit={(event) => event.preventDefault()}>
      <TextField label="From" type="date" size="small" value={view.from} onChange={(event) => event.target.value && onChange({ from: event.target.value, drill: null })} slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: '1 1 150px' }} />
      <TextField label="To" type="date" size="small" value={view.to} onChange={(event) => event.target.value && onChange({ to: event.target.value, drill: null })} slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: '1 1 150px' }} />
      <TextField {...select} label="Interval" value={view.interval} onChange={(event) => onChange({ interval: event.target.value as RevenueInterval })}>
        {REVENUE_INTERVALS.map((interval) => (
          <MenuItem key={interval} value={interval}>{`By ${interval}`}</MenuItem>
        ))}
      </TextField>
      <TextField {...select} label="Policy" value={view.policy} onChange={(event) => onChange({ policy: event.target.value as RevenuePolicyName, drill: null })}>
        {REVENUE_POLICY_NAMES.map((policy) => (
          <MenuItem key={policy} value={policy}>{POLICY_LABELS[policy]}</MenuItem>
        ))}
      </TextField>
      <TextField {...select} label="Billing interval" value={view.filter.billingInterval ?? ''} onChange={(event) => onChange({ filter: { ...view.filter, billingInterval: (event.target.value || undefined) as RevenueView['filter']['billingInterval'] }, drill: null })}>
        <MenuItem value="">Any</MenuItem>
        {BILLING_INTERVALS.map((interval) => (
          <MenuItem key={interval} value={interval}>{`Every ${interval}`}</MenuItem>
        ))}
      </TextField>
      <CommittedTextField label="Plan" value={view.filter.plan ?? ''} maxLength={100} onCommit={(plan) => onChange({ filter: { ...view.filter, plan: plan || undefined }, drill: null })} />
      <CommittedTextField label="Country" value={view.filter.country ?? ''} maxLength={2} placeholder="e.g. DE" onCommit={(country) => onChange({ filter: { ...view.filter, country: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined }, drill: null })} />
    </Stack>
  );
}

function CommittedTextField({ label, value, maxLength, placeholder, onCommit }: { label: string; value: string; maxLength: number; placeholder?: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft.trim() !== value && onCommit(draft.trim());
  return (
    <TextField
      label={label}
      size="small"
      value={draft}
      placeholder={placeholder}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => event.key === 'Enter' && commit()}
      slotProps={{ htmlInput: { maxLength } }}
      sx={{ flex: '1 1 120px' }}
    />
  );
}

import { BILLING_INTERVALS, REVENUE_INTERVALS, REVENUE_POLICY_NAMES, type RevenuePolicyName } from '@opsdesk/shared';
import { MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { FoldedOnPhone } from '../../app/FoldedOnPhone';
import { POLICY_LABELS } from './revenueFormat';
import type { RevenueInterval, RevenueView } from './revenueView';

type ControlsProps = { view: RevenueView; onChange: (change: Partial<RevenueView>) => void };

/** Fields share a line's room, up to a width: one wrapped alone (Country at 1280 px) stretched across the page. */
const FIELD = { maxWidth: 280 } as const;
const SELECT = { select: true, size: 'small', sx: { ...FIELD, minWidth: 140, flex: '1 1 140px' } } as const;

/**
 * The view's controls: range, interval, policy and filters. Plan and country apply when
 * the field is left (or Enter pressed), not on every keystroke, so typing does not fire
 * a request per letter; the rest apply at once. All of it lands in the URL. On a phone
 * the three filters wait behind a "Filters" button that counts those in force: seven
 * fields took the first screen, and the numbers came below it.
 */
export function RevenueControls({ view, onChange }: ControlsProps) {
  const inForce = [view.filter.billingInterval, view.filter.plan, view.filter.country].filter(Boolean).length;
  return (
    <Stack component="form" aria-label="Revenue view" direction="row" flexWrap="wrap" useFlexGap gap={2} onSubmit={(event) => event.preventDefault()}>
      <ViewControls view={view} onChange={onChange} />
      <FoldedOnPhone inForce={inForce}>
        <FilterControls view={view} onChange={onChange} />
      </FoldedOnPhone>
    </Stack>
  );
}

function ViewControls({ view, onChange }: ControlsProps) {
  return (
    <>
      <TextField label="From" type="date" size="small" value={view.from} onChange={(event) => event.target.value && onChange({ from: event.target.value, drill: null })} slotProps={{ inputLabel: { shrink: true } }} sx={{ ...FIELD, flex: '1 1 150px' }} />
      <TextField label="To" type="date" size="small" value={view.to} onChange={(event) => event.target.value && onChange({ to: event.target.value, drill: null })} slotProps={{ inputLabel: { shrink: true } }} sx={{ ...FIELD, flex: '1 1 150px' }} />
      <TextField {...SELECT} label="Interval" value={view.interval} onChange={(event) => onChange({ interval: event.target.value as RevenueInterval })}>
        {REVENUE_INTERVALS.map((interval) => (
          <MenuItem key={interval} value={interval}>{`By ${interval}`}</MenuItem>
        ))}
      </TextField>
      <TextField {...SELECT} label="Policy" value={view.policy} onChange={(event) => onChange({ policy: event.target.value as RevenuePolicyName, drill: null })}>
        {REVENUE_POLICY_NAMES.map((policy) => (
          <MenuItem key={policy} value={policy}>{POLICY_LABELS[policy]}</MenuItem>
        ))}
      </TextField>
    </>
  );
}

function FilterControls({ view, onChange }: ControlsProps) {
  return (
    <>
      <TextField {...SELECT} label="Billing interval" value={view.filter.billingInterval ?? ''} onChange={(event) => onChange({ filter: { ...view.filter, billingInterval: (event.target.value || undefined) as RevenueView['filter']['billingInterval'] }, drill: null })}>
        <MenuItem value="">Any</MenuItem>
        {BILLING_INTERVALS.map((interval) => (
          <MenuItem key={interval} value={interval}>{`Every ${interval}`}</MenuItem>
        ))}
      </TextField>
      <CommittedTextField label="Plan" value={view.filter.plan ?? ''} maxLength={100} onCommit={(plan) => onChange({ filter: { ...view.filter, plan: plan || undefined }, drill: null })} />
      <CommittedTextField label="Country" value={view.filter.country ?? ''} maxLength={2} placeholder="e.g. DE" onCommit={(country) => onChange({ filter: { ...view.filter, country: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined }, drill: null })} />
    </>
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
      sx={{ ...FIELD, flex: '1 1 120px' }}
    />
  );
}

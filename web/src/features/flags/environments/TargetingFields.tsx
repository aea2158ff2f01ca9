import { FLAG_SUBSCRIPTION_STATUSES } from '@opsdesk/shared/flags/targeting';
import { Autocomplete, Grid, TextField } from '@mui/material';
import { usePlanOptions } from '../useFlags';
import { planLabel } from '../../../app/productWords';
import type { TTargetingForm } from './strategyForm';

/**
 * Opsdesk targeting of one strategy: plans and subscription statuses from the billing
 * mirror, countries, signup days. Saved as ordinary Unleash constraints (shared
 * `targetingToConstraints`). Plans offered are the product's own (`flags.plans`, most
 * common first); any other name can be typed.
 */

export function TargetingFields({ value, onChange, idPrefix }: { value: TTargetingForm; onChange: (next: TTargetingForm) => void; idPrefix: string }) {
  const plans = usePlanOptions();
  const set = <K extends keyof TTargetingForm>(field: K, next: TTargetingForm[K]) => onChange({ ...value, [field]: next });
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 6 }}>
        <Autocomplete
          multiple
          freeSolo
          id={`${idPrefix}-plans`}
          options={plans.data ?? []}
          getOptionLabel={(plan: string) => planLabel(plan)}
          value={value.plans}
          onChange={(_event, plans) => set('plans', plans.map((plan) => plan.trim().toLowerCase()).filter(Boolean))}
          renderInput={(params) => <TextField {...params} label="Plans" helperText={value.plans.length ? 'Any of these plans' : 'Empty: every plan'} />}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Autocomplete
          multiple
          id={`${idPrefix}-statuses`}
          options={[...FLAG_SUBSCRIPTION_STATUSES]}
          getOptionLabel={(status) => status.replaceAll('_', ' ')}
          value={value.subscriptionStatuses}
          onChange={(_event, statuses) => set('subscriptionStatuses', statuses)}
          renderInput={(params) => <TextField {...params} label="Subscription statuses" helperText={value.subscriptionStatuses.length ? 'Any of these; none: no subscription' : 'Empty: any status'} />}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Autocomplete
          multiple
          freeSolo
          id={`${idPrefix}-countries`}
          options={[]}
          value={value.countries}
          onChange={(_event, countries) => set('countries', countries.map((code) => code.trim().toUpperCase()).filter(Boolean))}
          renderInput={(params) => <TextField {...params} label="Countries" helperText="Two-letter codes; Enter after each" />}
        />
      </Grid>
      <Grid size={{ xs: 6, md: 4 }}>
        <TextField fullWidth type="date" label="Signed up on or after" value={value.signupFrom} onChange={(event) => set('signupFrom', event.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      </Grid>
      <Grid size={{ xs: 6, md: 4 }}>
        <TextField fullWidth type="date" label="Signed up on or before" value={value.signupTo} onChange={(event) => set('signupTo', event.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      </Grid>
    </Grid>
  );
}

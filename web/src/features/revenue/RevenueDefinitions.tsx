import type { RevenuePolicyName } from '@opsdesk/shared';
import { Alert, AlertTitle, Button, Collapse, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { POLICY_LABELS } from './revenueFormat';

/**
 * The definitions panel: which policy every number on the page follows, in a sentence
 * each (the table in docs/metrics.md, "Policies"). The full definitions live in that
 * repository document, which the console does not serve: the panel names its path.
 */
const POLICY_DEFINITIONS: Record<RevenuePolicyName, string> = {
  stripe:
    'Stripe Billing’s own definition: active and past_due subscriptions count, monthly-normalised; only forever coupons are deducted; churn when a subscription becomes canceled or unpaid.',
  chartmogul: 'As Stripe, but every coupon is deducted while it lasts (repeating and once coupons until they end).',
  profitwell: 'As Stripe, but churn comes at the end of the paid period, and a customer who cancels within a month of starting to pay is never counted.',
  baremetrics: 'Coupons as ChartMogul; a subscription that stays past_due churns after N days past_due (30 unless the installation sets REVENUE_PAST_DUE_CHURN_DAYS) instead of when it becomes unpaid.',
};

/**
 * On a phone the policy's sentence folds under its title (a "Show" button opens it): the
 * panel was taller than the headline numbers it explains. Subscriptions left out of the
 * numbers are said either way.
 */
export function RevenueDefinitions({ policy, excludedSubscriptions }: { policy: RevenuePolicyName; excludedSubscriptions?: number }) {
  const phone = usePhoneLayout();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const excluded = excludedSubscriptions ? `${excludedSubscriptions} subscriptions in another currency are left out.` : '';
  const toggle = phone && (
    <Button color="inherit" size="small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
      {open ? 'Hide' : 'Show'}
    </Button>
  );
  return (
    <Alert severity="info" component="section" role="region" aria-label="Definitions" action={toggle}>
      <AlertTitle sx={phone ? { mb: 0 } : undefined}>Definitions: {POLICY_LABELS[policy]} policy</AlertTitle>
      <Collapse in={!phone || open} id={detailsId}>
        <Typography variant="body2">{POLICY_DEFINITIONS[policy]}</Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          Every metric, policy and worked example is defined in <code>docs/metrics.md</code> in the Opsdesk repository.
        </Typography>
      </Collapse>
      {excluded && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {excluded}
        </Typography>
      )}
    </Alert>
  );
}

import { Grid, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { AccountActionsMenu, useAccountActions } from './actions/AccountActionsMenu';
import { CustomerBilling } from './CustomerBilling';
import { CustomerModeration } from './CustomerModeration';
import { CustomerNotes } from './CustomerNotes';
import { CustomerLoadError, CustomerPageSkeleton } from './CustomerPageStates';
import { CustomerPrivacyRequests } from './CustomerPrivacyRequests';
import { CustomerProfile } from './CustomerProfile';
import { CustomerSectionNav } from './CustomerSectionNav';
import { CustomerSessions } from './CustomerSessions';
import { CustomerStatusChip } from './CustomerStatusChip';
import type { TCustomerRecord } from './customersDataHandler';
import { CustomerTimeline } from './CustomerTimeline';
import { CustomerUsage } from './CustomerUsage';
import { CustomerWorkspaces } from './CustomerWorkspaces';
import { useNoteDrafts } from './useNoteDrafts';
import { customerPageRefetchInterval } from './actions/followStripeEffects';

/**
 * The list pre-fills react-admin's getOne cache with its rows (a search result, not a
 * customer page), which the page would render first and crash on: a `meta` of its own
 * gives the page its own cache entry, so it always renders a fetched customer page.
 */
const PAGE_QUERY = {
  meta: { view: 'customerPage' },
  // The page explains a failure itself (CustomerLoadError) instead of bouncing to the list.
  onError: () => undefined,
  // After an action, until Stripe's webhook has had time to reach the mirror.
  refetchInterval: () => customerPageRefetchInterval(),
};

/**
 * The customer page: billing on the left, notes and the timeline on the right from
 * 1536 px (`xl`); below that one column, so the billing tables get the full width and
 * every column and button fits without scrolling inside a card — with the staff notes
 * right under the profile, where a colleague's "called about…" is read first, not under
 * a screen or two of payments and invoices. Long lists render a first slice and grow on
 * request; the timeline pages by cursor.
 */
export default function CustomerShow() {
  return (
    <Show title={<CustomerTitle />} actions={false} component="div" queryOptions={PAGE_QUERY} error={<CustomerLoadError />}>
      <CustomerPage />
    </Show>
  );
}

function CustomerTitle() {
  const customer = useRecordContext<TCustomerRecord>();
  return <>{customer ? customer.user.email : 'Customer'}</>;
}

/** Nothing at all when there is no action to offer. */
function CustomerHeaderActions({ customer }: { customer: TCustomerRecord }) {
  const available = useAccountActions(customer.user);
  return available.length === 0 ? null : <AccountActionsMenu user={customer.user} />;
}

function CustomerPage() {
  const customer = useRecordContext<TCustomerRecord>();
  const twoColumns = useMediaQuery((theme: Theme) => theme.breakpoints.up('xl'), { noSsr: true });
  const noteDrafts = useNoteDrafts(customer?.user.id ?? '');
  if (!customer) return <CustomerPageSkeleton />;
  const notes = <CustomerNotes userId={customer.user.id} notes={customer.notes} drafts={noteDrafts} />;
  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      {/* As every page's frame (ConsolePage): the heading with its status, the actions at its right, under it on a phone. */}
      <Stack direction="row" alignItems="flex-start" justifyContent="space-between" flexWrap="wrap" useFlexGap gap={1}>
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center" sx={{ minWidth: 0 }}>
          <Typography variant="h5" component="h1">
            {customer.user.email}
          </Typography>
          <CustomerStatusChip status={customer.user.status} until={customer.user.suspendedUntil} />
        </Stack>
        <CustomerHeaderActions customer={customer} />
      </Stack>
      {!twoColumns && <CustomerSectionNav customer={customer} />}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, xl: 8 }}>
          <Stack spacing={2}>
            <CustomerProfile customer={customer} />
            {!twoColumns && notes}
            <CustomerBilling customer={customer} />
            <CustomerUsage customer={customer} />
            <CustomerWorkspaces customer={customer} />
            <CustomerSessions customer={customer} />
            <CustomerModeration customer={customer} />
            <CustomerPrivacyRequests userId={customer.user.id} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, xl: 4 }}>
          <Stack spacing={2}>
            {twoColumns && notes}
            <CustomerTimeline userId={customer.user.id} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}

import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { StackedEntries, StackedEntry } from '../../app/StackedEntries';
import { formatDate } from '../../app/formatDateTime';
import { SubscriptionActionsMenu } from './actions/SubscriptionActionsMenu';
import type { TCustomerRecord } from './customersDataHandler';
import { formatMoney } from './money';
import { Caption, Empty, Section } from './Section';
import { stripeStatusLabel } from '../../app/productWords';

type Subscription = TCustomerRecord['subscriptions'][number];

/**
 * Plan, status, period, MRR contribution, trial end, cancel-at-period-end, discounts;
 * actions per row. Five columns (discounts under the plan, the trial end and the
 * cancellation under the status) so the Actions button fits the card at 1280 px;
 * stacked entries on a phone.
 */
export function CustomerSubscriptions({ customer }: { customer: TCustomerRecord }) {
  const phone = usePhoneLayout();
  const subscriptions = customer.subscriptions;
  const actions = (sub: Subscription) => <SubscriptionActionsMenu subscription={sub} customerEmail={customer.user.email} />;
  return (
    <Section title="Subscriptions">
      {subscriptions.length === 0 ? (
        <Empty>No subscription.</Empty>
      ) : phone ? (
        <StackedEntries label="Subscriptions">
          {subscriptions.map((sub) => (
            <StackedEntry
              key={sub.id}
              heading={<PlanName sub={sub} />}
              facts={[
                ['Status', <SubscriptionStatus key="status" sub={sub} />],
                ['Period', <Period key="period" sub={sub} />],
                ['MRR', formatMoney(sub.mrr, sub.currency)],
                ['Trial end', formatDate(sub.trialEnd)],
                ['Discounts', sub.couponIds.join(', ') || '—'],
              ]}
              actions={actions(sub)}
            />
          ))}
        </StackedEntries>
      ) : (
        <Table size="small" aria-label="Subscriptions">
          <TableHead>
            <TableRow>
              <TableCell>Plan</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Period</TableCell>
              <TableCell align="right">MRR</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {subscriptions.map((sub) => (
              <TableRow key={sub.id}>
                <TableCell>
                  <PlanName sub={sub} />
                  {sub.couponIds.length > 0 && <Caption>{`Discounts: ${sub.couponIds.join(', ')}`}</Caption>}
                </TableCell>
                <TableCell>
                  <SubscriptionStatus sub={sub} />
                  {sub.trialEnd && <Caption>{`trial ends ${formatDate(sub.trialEnd)}`}</Caption>}
                </TableCell>
                <TableCell>
                  <Period sub={sub} />
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(sub.mrr, sub.currency)}
                </TableCell>
                <TableCell align="right" sx={{ px: 0.5 }}>
                  {actions(sub)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

function PlanName({ sub }: { sub: Subscription }) {
  return (
    <>
      {sub.planName ?? sub.priceId ?? '—'}
      {sub.quantity > 1 ? ` × ${sub.quantity}` : ''}
      <Caption monospace>{sub.id}</Caption>
    </>
  );
}

function SubscriptionStatus({ sub }: { sub: Subscription }) {
  return (
    <>
      {stripeStatusLabel(sub.status)}
      {sub.cancelAtPeriodEnd && <Caption color="warning.main">cancels at period end</Caption>}
      {sub.pauseCollection ? <Caption color="text.primary">collection paused</Caption> : null}
    </>
  );
}

/** Start and end on their own lines: two whole dates side by side would widen the column. */
function Period({ sub }: { sub: Subscription }) {
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDate(sub.currentPeriodStart)} –</span>
      <br />
      <span style={{ whiteSpace: 'nowrap' }}>{formatDate(sub.currentPeriodEnd)}</span>
    </>
  );
}

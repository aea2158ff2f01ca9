import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { SubscriptionActionsMenu } from './actions/SubscriptionActionsMenu';
import type { TCustomerRecord } from './customersDataHandler';
import { formatDate, formatMoney } from './money';
import { Empty, Section } from './Section';

/** Plan, status, period, MRR contribution, trial end, cancel-at-period-end, discounts; actions per row. */
export function CustomerSubscriptions({ customer }: { customer: TCustomerRecord }) {
  const subscriptions = customer.subscriptions;
  return (
    <Section title="Subscriptions">
      {subscriptions.length === 0 ? (
        <Empty>No subscription.</Empty>
      ) : (
        <Table size="small" aria-label="Subscriptions">
          <TableHead>
            <TableRow>
              <TableCell>Plan</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Period</TableCell>
              <TableCell align="right">MRR</TableCell>
              <TableCell>Trial end</TableCell>
              <TableCell>Discounts</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {subscriptions.map((sub) => (
              <TableRow key={sub.id}>
                <TableCell>
                  {sub.planName ?? sub.priceId ?? '—'}
                  {sub.quantity > 1 ? ` × ${sub.quantity}` : ''}
                  <Typography variant="caption" component="div" color="text.secondary" fontFamily="monospace">
                    {sub.id}
                  </Typography>
                </TableCell>
                <TableCell>
                  {sub.status}
                  {sub.cancelAtPeriodEnd && <Typography variant="caption" component="div" color="warning.main">cancels at period end</Typography>}
                  {sub.pauseCollection ? <Typography variant="caption" component="div">collection paused</Typography> : null}
                </TableCell>
                <TableCell>
                  {formatDate(sub.currentPeriodStart)} – {formatDate(sub.currentPeriodEnd)}
                </TableCell>
                <TableCell align="right">{formatMoney(sub.mrr, sub.currency)}</TableCell>
                <TableCell>{formatDate(sub.trialEnd)}</TableCell>
                <TableCell>{sub.couponIds.join(', ') || '—'}</TableCell>
                <TableCell align="right">
                  <SubscriptionActionsMenu subscription={sub} customerEmail={customer.user.email} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

import { Grid, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { countryLabel } from '../../app/countryName';
import { formatDate, formatDateTime } from '../../app/formatDateTime';
import { CreditBalanceButton } from './actions/CreditBalanceButton';
import { CustomerStatusChip } from './CustomerStatusChip';
import type { TCustomerRecord } from './customersDataHandler';
import { formatMoney } from './money';
import { Section } from './Section';
import { StripeLink } from './StripeLink';

/** Who they are, their status, and their Stripe customers with credit balances. */
export function CustomerProfile({ customer }: { customer: TCustomerRecord }) {
  const { user, totals } = customer;
  return (
    <Section title="Profile">
      <Grid container spacing={2}>
        <Fact label="Name">{user.name}</Fact>
        <Fact label="Status">
          <CustomerStatusChip status={user.status} until={user.suspendedUntil} />
        </Fact>
        <Fact label="Country">{countryLabel(user.country)}</Fact>
        <Fact label="Signed up">{formatDate(user.createdAt)}</Fact>
        <Fact label="Last seen">{formatDateTime(user.lastSeenAt)}</Fact>
        <Fact label="MRR">{[{ mrr: totals.mrr, currency: totals.currency }, ...totals.mrrInOtherCurrencies].map((part) => formatMoney(part.mrr, part.currency)).join(' + ')}</Fact>
        <Fact label="User id">
          <Typography fontFamily="monospace" fontSize={13}>
            {user.id}
          </Typography>
        </Fact>
      </Grid>
      {customer.stripeCustomers.length > 0 && (
        <Stack spacing={1} mt={2}>
          <Typography variant="subtitle2" component="h3">
            Stripe customers and credit balance
          </Typography>
          {customer.stripeCustomers.map((stripe) => (
            <Stack key={stripe.id} direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
              <StripeLink id={stripe.id} href={stripe.dashboardUrl} />
              {/* Stripe's balance is negative when the customer has credit. */}
              <Typography>Credit balance: {formatMoney(-stripe.balance || 0, stripe.currency)}</Typography>
              {stripe.delinquent && <Typography color="error">Delinquent</Typography>}
              <CreditBalanceButton stripeCustomerId={stripe.id} currency={stripe.currency} customerEmail={user.email} />
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 6, md: 3 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <div>{children}</div>
    </Grid>
  );
}

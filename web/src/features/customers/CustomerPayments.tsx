import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { RefundPaymentButton } from './actions/RefundPaymentButton';
import { useActionPermissions } from './actions/useActionPermissions';
import type { TCustomerRecord } from './customersDataHandler';
import { formatDate, formatMoney } from './money';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { StripeLink } from './StripeLink';
import { useRevealed } from './useRevealed';

/** Payments (charges), newest first, each with what is still refundable and a refund button. */
export function CustomerPayments({ customer }: { customer: TCustomerRecord }) {
  const may = useActionPermissions();
  const { visible, hidden, showMore, step } = useRevealed(customer.payments);
  return (
    <Section title="Payments">
      {customer.payments.length === 0 ? (
        <Empty>No payment.</Empty>
      ) : (
        <Table size="small" aria-label="Payments">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Payment</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Amount</TableCell>
              <TableCell align="right">Refunded</TableCell>
              <TableCell align="right">Refundable</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((payment) => (
              <TableRow key={payment.id} data-payment-id={payment.id}>
                <TableCell>{formatDate(payment.created)}</TableCell>
                <TableCell>
                  <StripeLink id={payment.id} href={payment.dashboardUrl} />
                  {payment.cardLast4 && <Typography variant="caption" component="div" color="text.secondary">{`${payment.cardBrand ?? 'card'} ·${payment.cardLast4}`}</Typography>}
                </TableCell>
                <TableCell>
                  {payment.status}
                  {payment.disputed && <Chip size="small" color="error" label="disputed" sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell align="right">{formatMoney(payment.amount, payment.currency)}</TableCell>
                <TableCell align="right">{payment.amountRefunded ? formatMoney(payment.amountRefunded, payment.currency) : '—'}</TableCell>
                <TableCell align="right">{formatMoney(payment.refundable, payment.currency)}</TableCell>
                <TableCell align="right">
                  {may('refund') && payment.refundable > 0 && <RefundPaymentButton payment={payment} customerEmail={customer.user.email} />}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </Section>
  );
}

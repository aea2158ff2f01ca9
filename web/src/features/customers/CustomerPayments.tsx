import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { StackedEntries, StackedEntry } from '../../app/StackedEntries';
import { formatDate } from '../../app/formatDateTime';
import { RefundPaymentButton } from './actions/RefundPaymentButton';
import { useActionPermissions } from './actions/useActionPermissions';
import type { TCustomerRecord } from './customersDataHandler';
import { formatMoney } from './money';
import { Caption, Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { StripeLink } from './StripeLink';
import { useRevealed } from './useRevealed';
import { stripeStatusLabel } from '../../app/productWords';

type Payment = TCustomerRecord['payments'][number];

/**
 * Payments (charges), newest first, each with what is still refundable and a refund
 * button. Five columns (the date and card under the id, the refunded amount under the
 * amount) so the table fits a half-width card at 1280 px without scrolling; stacked
 * entries on a phone.
 */
export function CustomerPayments({ customer }: { customer: TCustomerRecord }) {
  const may = useActionPermissions();
  const phone = usePhoneLayout();
  const { visible, hidden, showMore, step } = useRevealed(customer.payments);
  const refundButton = (payment: Payment) =>
    may('refund') && payment.refundable > 0 ? <RefundPaymentButton payment={payment} customerEmail={customer.user.email} /> : null;
  return (
    <Section title="Payments">
      {customer.payments.length === 0 ? (
        <Empty>No payment.</Empty>
      ) : phone ? (
        <StackedEntries label="Payments">
          {visible.map((payment) => (
            <StackedEntry
              key={payment.id}
              heading={<StripeLink id={payment.id} href={payment.dashboardUrl} />}
              facts={[
                ['Date', formatDate(payment.created)],
                ['Card', cardText(payment) ?? '—'],
                ['Status', <PaymentStatus key="status" payment={payment} />],
                ['Amount', formatMoney(payment.amount, payment.currency)],
                ['Refunded', payment.amountRefunded ? formatMoney(payment.amountRefunded, payment.currency) : '—'],
                ['Refundable', formatMoney(payment.refundable, payment.currency)],
              ]}
              actions={refundButton(payment)}
            />
          ))}
        </StackedEntries>
      ) : (
        <Table size="small" aria-label="Payments">
          <TableHead>
            <TableRow>
              <TableCell>Payment</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Amount</TableCell>
              <TableCell align="right">Refundable</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((payment) => (
              <TableRow key={payment.id} data-payment-id={payment.id}>
                <TableCell>
                  <StripeLink id={payment.id} href={payment.dashboardUrl} />
                  <Caption>{[formatDate(payment.created), cardText(payment)].filter(Boolean).join(' · ')}</Caption>
                </TableCell>
                <TableCell>
                  <PaymentStatus payment={payment} />
                </TableCell>
                <TableCell align="right">
                  <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(payment.amount, payment.currency)}</span>
                  {payment.amountRefunded > 0 && <Caption>{`${formatMoney(payment.amountRefunded, payment.currency)} refunded`}</Caption>}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(payment.refundable, payment.currency)}
                </TableCell>
                <TableCell align="right" sx={{ px: 0.5 }}>
                  {refundButton(payment)}
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

function cardText(payment: Payment): string | null {
  return payment.cardLast4 ? `${payment.cardBrand ?? 'card'} ·${payment.cardLast4}` : null;
}

function PaymentStatus({ payment }: { payment: Payment }) {
  return (
    <>
      {stripeStatusLabel(payment.status)}
      {payment.disputed && <Chip size="small" color="error" label="Disputed" sx={{ display: 'flex', width: 'fit-content', mt: 0.5 }} />}
    </>
  );
}

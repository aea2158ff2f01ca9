import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { StackedEntries, StackedEntry } from '../../app/StackedEntries';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { formatDate } from '../../app/formatDateTime';
import type { TCustomerRecord } from './customersDataHandler';
import { formatMoney } from './money';
import { Caption, Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { useRevealed } from './useRevealed';
import { stripeStatusLabel } from '../../app/productWords';

/**
 * Refunds, newest first. Four columns (the date and the refunded payment under the
 * refund's id, as the payments table does): two ids side by side, each an unbreakable
 * 27 characters of monospace, made the table scroll inside its card at 1280 px and in
 * the two-column page from 1536 px. Stripe's reason in words, so it may wrap. Stacked
 * entries on a phone.
 */
export function CustomerRefunds({ customer }: { customer: TCustomerRecord }) {
  const phone = usePhoneLayout();
  const { visible, hidden, showMore, step } = useRevealed(customer.refunds);
  return (
    <Section title="Refunds">
      {customer.refunds.length === 0 ? (
        <Empty>No refund.</Empty>
      ) : phone ? (
        <StackedEntries label="Refunds">
          {visible.map((refund) => (
            <StackedEntry
              key={refund.id}
              heading={
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {refund.id}
                </Box>
              }
              facts={[
                ['Date', formatDate(refund.created)],
                ['Payment', <Box key="payment" component="span" sx={{ fontFamily: 'monospace' }}>{refund.chargeId ?? '—'}</Box>],
                ['Amount', formatMoney(refund.amount, refund.currency)],
                ['Reason', stripeStatusLabel(refund.reason)],
                ['Status', stripeStatusLabel(refund.status)],
              ]}
            />
          ))}
        </StackedEntries>
      ) : (
        <Table size="small" aria-label="Refunds">
          <TableHead>
            <TableRow>
              <TableCell>Refund</TableCell>
              <TableCell align="right">Amount</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((refund) => (
              <TableRow key={refund.id}>
                <TableCell>
                  <Box component="span" sx={{ fontFamily: 'monospace' }}>
                    {refund.id}
                  </Box>
                  <Caption>{formatDate(refund.created)}</Caption>
                  <Caption monospace>{refund.chargeId ? `payment ${refund.chargeId}` : 'no payment'}</Caption>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(refund.amount, refund.currency)}
                </TableCell>
                <TableCell>{stripeStatusLabel(refund.reason)}</TableCell>
                <TableCell>{stripeStatusLabel(refund.status)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </Section>
  );
}

import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { formatDate, formatMoney } from './money';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { useRevealed } from './useRevealed';

export function CustomerRefunds({ customer }: { customer: TCustomerRecord }) {
  const { visible, hidden, showMore, step } = useRevealed(customer.refunds);
  return (
    <Section title="Refunds">
      {customer.refunds.length === 0 ? (
        <Empty>No refund.</Empty>
      ) : (
        <Table size="small" aria-label="Refunds">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Refund</TableCell>
              <TableCell>Payment</TableCell>
              <TableCell align="right">Amount</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((refund) => (
              <TableRow key={refund.id}>
                <TableCell>{formatDate(refund.created)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{refund.id}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{refund.chargeId ?? '—'}</TableCell>
                <TableCell align="right">{formatMoney(refund.amount, refund.currency)}</TableCell>
                <TableCell>{refund.reason ?? '—'}</TableCell>
                <TableCell>{refund.status ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </Section>
  );
}

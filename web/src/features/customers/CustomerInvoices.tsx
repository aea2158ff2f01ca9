import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { formatDate, formatMoney } from './money';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { StripeLink } from './StripeLink';
import { useRevealed } from './useRevealed';

export function CustomerInvoices({ customer }: { customer: TCustomerRecord }) {
  const { visible, hidden, showMore, step } = useRevealed(customer.invoices);
  return (
    <Section title="Invoices">
      {customer.invoices.length === 0 ? (
        <Empty>No invoice.</Empty>
      ) : (
        <Table size="small" aria-label="Invoices">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Invoice</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Total</TableCell>
              <TableCell align="right">Paid</TableCell>
              <TableCell align="right">Due</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((invoice) => (
              <TableRow key={invoice.id}>
                <TableCell>{formatDate(invoice.created)}</TableCell>
                <TableCell>
                  <StripeLink id={invoice.number ?? invoice.id} href={invoice.dashboardUrl} />
                </TableCell>
                <TableCell>{invoice.status ?? '—'}</TableCell>
                <TableCell align="right">{formatMoney(invoice.total, invoice.currency)}</TableCell>
                <TableCell align="right">{formatMoney(invoice.amountPaid, invoice.currency)}</TableCell>
                <TableCell align="right">{formatMoney(invoice.amountDue, invoice.currency)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </Section>
  );
}

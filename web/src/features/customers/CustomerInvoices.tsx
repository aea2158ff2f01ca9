import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { StackedEntries, StackedEntry } from '../../app/StackedEntries';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { formatDate } from '../../app/formatDateTime';
import type { TCustomerRecord } from './customersDataHandler';
import { amountStillDue } from './invoiceDue';
import { formatMoney } from './money';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { StripeLink } from './StripeLink';
import { useRevealed } from './useRevealed';
import { stripeStatusLabel } from '../../app/productWords';

type Invoice = TCustomerRecord['invoices'][number];

/** "—" when nothing is left to pay (a paid invoice never shows an amount due). */
function formatDue(invoice: Invoice): string {
  const due = amountStillDue(invoice);
  return due === null ? '—' : formatMoney(due, invoice.currency);
}

/** Invoices, newest first: a table, and stacked entries on a phone (six columns do not fit one). */
export function CustomerInvoices({ customer }: { customer: TCustomerRecord }) {
  const phone = usePhoneLayout();
  const { visible, hidden, showMore, step } = useRevealed(customer.invoices);
  return (
    <Section title="Invoices">
      {customer.invoices.length === 0 ? (
        <Empty>No invoice.</Empty>
      ) : phone ? (
        <StackedEntries label="Invoices">
          {visible.map((invoice) => (
            <StackedEntry
              key={invoice.id}
              heading={<StripeLink id={invoice.number ?? invoice.id} href={invoice.dashboardUrl} />}
              facts={[
                ['Date', formatDate(invoice.created)],
                ['Status', stripeStatusLabel(invoice.status)],
                ['Total', formatMoney(invoice.total, invoice.currency)],
                ['Paid', formatMoney(invoice.amountPaid, invoice.currency)],
                ['Due', formatDue(invoice)],
              ]}
            />
          ))}
        </StackedEntries>
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
                <TableCell>{stripeStatusLabel(invoice.status)}</TableCell>
                <TableCell align="right">{formatMoney(invoice.total, invoice.currency)}</TableCell>
                <TableCell align="right">{formatMoney(invoice.amountPaid, invoice.currency)}</TableCell>
                <TableCell align="right">{formatDue(invoice)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </Section>
  );
}

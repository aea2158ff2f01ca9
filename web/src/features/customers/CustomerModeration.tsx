import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { formatDate } from './money';
import { Empty, Section } from './Section';

/**
 * Moderation history: rendered only once the server records moderation decisions
 * (`moderation.available`). Until then the page shows nothing rather than an empty tab.
 */
export function CustomerModeration({ customer }: { customer: TCustomerRecord }) {
  const moderation = customer.moderation;
  if (!moderation?.available) return null;
  return (
    <Section title="Moderation history">
      {moderation.entries.length === 0 ? (
        <Empty>No moderation decision.</Empty>
      ) : (
        <Table size="small" aria-label="Moderation history">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Decision</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>By</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {moderation.entries.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell>{formatDate(entry.at, true)}</TableCell>
                <TableCell>{entry.decision}</TableCell>
                <TableCell>{entry.reasonCode ?? '—'}</TableCell>
                <TableCell>{entry.decidedBy ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

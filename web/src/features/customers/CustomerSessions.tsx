import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { formatDate } from './money';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { useRevealed } from './useRevealed';

/** The customer's live product sessions (a ban or suspension revokes them). */
export function CustomerSessions({ customer }: { customer: TCustomerRecord }) {
  const { visible, hidden, showMore, step } = useRevealed(customer.sessions);
  return (
    <Section title="Product sessions">
      {customer.sessions.length === 0 ? (
        <Empty>No active product session.</Empty>
      ) : (
        <Table size="small" aria-label="Product sessions">
          <TableHead>
            <TableRow>
              <TableCell>Started</TableCell>
              <TableCell>Last seen</TableCell>
              <TableCell>IP</TableCell>
              <TableCell>Device</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((session) => (
              <TableRow key={session.id}>
                <TableCell>{formatDate(session.createdAt, true)}</TableCell>
                <TableCell>{formatDate(session.lastSeenAt, true)}</TableCell>
                <TableCell>{session.ip ?? '—'}</TableCell>
                <TableCell sx={{ maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={session.userAgent ?? undefined}>
                  {session.userAgent ?? '—'}
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

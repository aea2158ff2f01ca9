import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { StackedEntries, StackedEntry } from '../../app/StackedEntries';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { formatDateTime } from '../../app/formatDateTime';
import type { TCustomerRecord } from './customersDataHandler';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { useRevealed } from './useRevealed';

/** The customer's live product sessions (a ban or suspension revokes them); stacked entries on a phone. */
export function CustomerSessions({ customer }: { customer: TCustomerRecord }) {
  const phone = usePhoneLayout();
  const { visible, hidden, showMore, step } = useRevealed(customer.sessions);
  return (
    <Section title="Product sessions">
      {customer.sessions.length === 0 ? (
        <Empty>No active product session.</Empty>
      ) : phone ? (
        <StackedEntries label="Product sessions">
          {visible.map((session) => (
            <StackedEntry
              key={session.id}
              heading={session.userAgent ?? 'Unknown device'}
              facts={[
                ['Started', formatDateTime(session.createdAt)],
                ['Last seen', formatDateTime(session.lastSeenAt)],
                ['IP', session.ip ?? '—'],
              ]}
            />
          ))}
        </StackedEntries>
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
                <TableCell>{formatDateTime(session.createdAt)}</TableCell>
                <TableCell>{formatDateTime(session.lastSeenAt)}</TableCell>
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

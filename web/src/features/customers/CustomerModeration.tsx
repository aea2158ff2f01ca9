import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../app/formatDateTime';
import { CustomerModerationAppeals } from './CustomerModerationAppeals';
import { CustomerModerationReports } from './CustomerModerationReports';
import type { TCustomerRecord } from './customersDataHandler';
import { Empty, Section } from './Section';

type TModerationSection = Extract<TCustomerRecord['moderation'], { available: true }>;

/**
 * Moderation history: decisions on the customer's content, their appeals and the reports
 * against their content (the latest 50 of each). Rendered only when the server records
 * moderation (`moderation.available`); otherwise the page shows nothing rather than an
 * empty tab.
 */
export function CustomerModeration({ customer }: { customer: TCustomerRecord }) {
  const moderation = customer.moderation;
  if (!moderation?.available) return null;
  const { entries, appeals, reportsAgainst } = moderation;
  return (
    <Section title="Moderation history">
      {entries.length + appeals.length + reportsAgainst.length === 0 ? (
        <Empty>No moderation decision, appeal or report.</Empty>
      ) : (
        <>
          <Part title="Decisions" count={entries.length} empty="No moderation decision.">
            <CustomerModerationDecisions entries={entries} />
          </Part>
          <Part title="Appeals" count={appeals.length} empty="No appeal.">
            <CustomerModerationAppeals appeals={appeals} />
          </Part>
          <Part title="Reports against their content" count={reportsAgainst.length} empty="No report against their content.">
            <CustomerModerationReports reports={reportsAgainst} />
          </Part>
        </>
      )}
    </Section>
  );
}

function Part({ title, count, empty, children }: { title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
        {title}
      </Typography>
      {count === 0 ? <Empty>{empty}</Empty> : children}
    </>
  );
}

function CustomerModerationDecisions({ entries }: { entries: TModerationSection['entries'] }) {
  return (
    <Table size="small" aria-label="Moderation decisions">
      <TableHead>
        <TableRow>
          <TableCell>Date</TableCell>
          <TableCell>Decision</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>By</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell>{formatDateTime(entry.at)}</TableCell>
            <TableCell>{entry.decision}</TableCell>
            <TableCell>{entry.reasonCode ?? '—'}</TableCell>
            <TableCell>{entry.decidedBy ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

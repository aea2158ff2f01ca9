import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { formatDateTime } from '../../app/formatDateTime';
import type { TCustomerRecord } from './customersDataHandler';
import { groupLabel } from '../moderation/moderationText';
import { storedWordsLabel } from '../../app/productWords';

type TModerationSection = Extract<TCustomerRecord['moderation'], { available: true }>;

/** Reports other users filed against the customer's content, newest first. */
export function CustomerModerationReports({ reports }: { reports: TModerationSection['reportsAgainst'] }) {
  return (
    <Table size="small" aria-label="Reports against this customer's content">
      <TableHead>
        <TableRow>
          <TableCell>Date</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Content</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {reports.map((report) => (
          <TableRow key={report.id}>
            <TableCell>{formatDateTime(report.at)}</TableCell>
            <TableCell>{groupLabel(report.reasonCode)}</TableCell>
            <TableCell>{storedWordsLabel(report.status)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{report.contentId}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

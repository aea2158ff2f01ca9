import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatDateTime } from '../../app/formatDateTime';
import type { TCustomerRecord } from './customersDataHandler';
import { Caption } from './Section';
import { storedWordsLabel } from '../../app/productWords';

type TModerationSection = Extract<TCustomerRecord['moderation'], { available: true }>;

const CHANNEL_LABELS = { product: 'product form', staff_on_behalf: 'entered by staff' } as const;

/** The customer's appeals (as author or reporter), newest first; a refused product appeal says why. */
export function CustomerModerationAppeals({ appeals }: { appeals: TModerationSection['appeals'] }) {
  return (
    <Table size="small" aria-label="Appeals">
      <TableHead>
        <TableRow>
          <TableCell>Filed</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Decision</TableCell>
          <TableCell>Statement</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {appeals.map((appeal) => (
          <TableRow key={appeal.id}>
            <TableCell>
              {formatDateTime(appeal.at)}
              <Caption>{CHANNEL_LABELS[appeal.channel]}</Caption>
            </TableCell>
            <TableCell>
              {storedWordsLabel(appeal.status)}
              {appeal.decidedAt ? <Caption>{formatDateTime(appeal.decidedAt)}</Caption> : null}
            </TableCell>
            <TableCell>
              <Caption monospace>{appeal.decisionId}</Caption>
              {appeal.appellantRole ? <Caption>as {appeal.appellantRole}</Caption> : null}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>
              {appeal.statement || '—'}
              {appeal.refusedReason ? (
                <Typography variant="caption" component="div" color="error">
                  Refused: {appeal.refusedReason}
                </Typography>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

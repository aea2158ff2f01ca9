import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { SignalsResult } from '@opsdesk/shared';

/** Failed tRPC calls by code and other 5xx (`http_5xx`) over the range, most first. */
export function ErrorsByCodeTable({ errorsByCode }: { errorsByCode: SignalsResult['totals']['errorsByCode'] }) {
  if (errorsByCode.length === 0) return <Typography color="text.secondary">No failed request in this range.</Typography>;
  const rows = [...errorsByCode].sort((a, b) => b.count - a.count);
  return (
    <Table size="small" aria-label="Errors by code">
      <TableHead>
        <TableRow>
          <TableCell>Code</TableCell>
          <TableCell align="right">Requests</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.code}>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.code === 'http_5xx' ? 'Other 5xx (not tRPC)' : row.code}</TableCell>
            <TableCell align="right">{row.count.toLocaleString('en-US')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

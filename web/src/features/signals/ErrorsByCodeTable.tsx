import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { SignalsResult } from '@opsdesk/shared';
import { errorCodeWords } from './errorCodeWords';

/**
 * Failed tRPC calls by code and other 5xx (`http_5xx`) over the range, most first: in
 * words, with the code under them when there is one (what logs and alerts say).
 */
export function ErrorsByCodeTable({ errorsByCode }: { errorsByCode: SignalsResult['totals']['errorsByCode'] }) {
  if (errorsByCode.length === 0) return <Typography color="text.secondary">No failed request in this range.</Typography>;
  const rows = [...errorsByCode].sort((a, b) => b.count - a.count);
  return (
    <Table size="small" aria-label="Errors by code">
      <TableHead>
        <TableRow>
          <TableCell>Error</TableCell>
          <TableCell align="right">Requests</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.code}>
            <ErrorCodeCell code={row.code} />
            <TableCell align="right">{row.count.toLocaleString('en-US')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ErrorCodeCell({ code }: { code: string }) {
  const words = errorCodeWords(code);
  return (
    <TableCell sx={{ overflowWrap: 'anywhere' }}>
      {words}
      {words !== code && code !== 'http_5xx' && (
        <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {code}
        </Typography>
      )}
    </TableCell>
  );
}

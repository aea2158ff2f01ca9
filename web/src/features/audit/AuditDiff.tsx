import type { TAuditEntry } from './auditTypes';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { diffSnapshots } from './auditDiff';

/** Before/after of the audited change, changed fields first and highlighted. */
export function AuditDiff(_props: { label?: string }) {
  const entry = useRecordContext<TAuditEntry>();
  if (!entry) return null;
  const rows = diffSnapshots(entry.before, entry.after).sort((a, b) => Number(b.changed) - Number(a.changed));
  if (rows.length === 0) return <Typography color="text.secondary">This action recorded no data change.</Typography>;
  return (
    <Table size="small" aria-label="Changes">
      <TableHead>
        <TableRow>
          <TableCell component="th">Field</TableCell>
          <TableCell component="th">Before</TableCell>
          <TableCell component="th">After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.field} sx={row.changed ? { backgroundColor: 'action.selected' } : undefined}>
            <TableCell component="th" scope="row" sx={{ fontWeight: row.changed ? 600 : 400 }}>
              {row.field}
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-all' }}>{row.before ?? '—'}</TableCell>
            <TableCell sx={{ wordBreak: 'break-all' }}>{row.after ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

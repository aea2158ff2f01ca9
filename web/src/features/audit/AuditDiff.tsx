import type { TAuditEntry } from './auditTypes';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { splitChanges, type FieldChange } from './auditDiff';
import { snapshotInWords } from './snapshotWords';

/** Before/after of the audited change, in words: changed fields first and highlighted, then what the preview showed. */
export function AuditDiff(_props: { label?: string }) {
  const entry = useRecordContext<TAuditEntry>();
  if (!entry) return null;
  const { changes, context } = splitChanges(snapshotInWords(entry.action, entry.before), snapshotInWords(entry.action, entry.after));
  if (changes.length === 0 && context.length === 0) return <Typography color="text.secondary">This action recorded no data change.</Typography>;
  return (
    <>
      <Table size="small" aria-label="Changes">
        <TableHead>
          <TableRow>
            <TableCell component="th">Field</TableCell>
            <TableCell component="th">Before</TableCell>
            <TableCell component="th">After</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((row) => (
            <TableRow key={row.field} sx={row.changed ? { backgroundColor: 'action.selected' } : undefined}>
              <TableCell component="th" scope="row" sx={{ fontWeight: row.changed ? 600 : 400 }}>
                {row.label}
              </TableCell>
              <ValueCell value={row.before} />
              <ValueCell value={row.after} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {context.length > 0 && <ContextTable rows={context} />}
    </>
  );
}

function ContextTable({ rows }: { rows: FieldChange[] }) {
  return (
    <>
      <Typography variant="subtitle2" component="h3" mt={2}>
        What the preview showed
      </Typography>
      <Table size="small" aria-label="What the preview showed">
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.field}>
              <TableCell component="th" scope="row" sx={{ width: '40%' }}>
                {row.label}
              </TableCell>
              <ValueCell value={row.before} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function ValueCell({ value }: { value: string | null }) {
  // pre-line: a value of several lines (a flag's strategies, a note) keeps them.
  return <TableCell sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{value ?? '—'}</TableCell>;
}

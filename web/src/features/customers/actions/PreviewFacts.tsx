import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { formatPlain, toFacts, type Fact } from './previewFormat';

/**
 * Any action's preview, input or result as a two-column table a person can read (see
 * previewFormat.ts). `currency` is for records that carry amounts but no currency of
 * their own, e.g. a refund request's input beside its preview.
 */
export function PreviewFacts({ value, label = 'Preview', currency = null }: { value: unknown; label?: string; currency?: string | null }) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return <>{formatPlain(value)}</>;
  return <FactsTable facts={toFacts(value as Record<string, unknown>, currency)} label={label} />;
}

function FactsTable({ facts, label }: { facts: Fact[]; label: string }) {
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {facts.map((fact) => (
          <TableRow key={fact.key}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 500, width: '40%' }}>
              {fact.label}
            </TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>
              <FactValue fact={fact} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function FactValue({ fact }: { fact: Fact }) {
  if (fact.kind === 'text') return <>{fact.text}</>;
  if (fact.kind === 'facts') return <FactsTable facts={fact.facts} label={fact.label} />;
  return (
    <Table size="small" aria-label={fact.label}>
      <TableHead>
        <TableRow>
          <TableCell>Line</TableCell>
          <TableCell align="right">Amount</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fact.lines.map((line, index) => (
          <TableRow key={index}>
            <TableCell>{line.description}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {line.amount}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

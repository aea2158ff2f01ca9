import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { RunbookPlanView, RunbookReportView } from '@opsdesk/shared';
import { FREE_TEXT_CELL } from '../../app/freeTextCell';
import { StackedEntries, StackedEntry } from '../../app/StackedEntries';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { RunbookEntryLink } from './entry/RunbookEntryLink';
import { formatRunbookValue } from './formatRunbookValue';

/**
 * The one renderer of every plan and result: its summary, facts (label → value, with a
 * verdict colour and the runbook entry to open next), tables with typed columns (rows
 * the plan acts on highlighted) and, for a plan, the steps Run would take.
 */
const HIGHLIGHT = { act: 'info.main', warn: 'warning.main', danger: 'error.main' } as const;
const STATUS_COLOUR = { ok: 'success', warn: 'warning', fail: 'error' } as const;

export function RunbookReport({ report, heading }: { report: RunbookReportView | RunbookPlanView; heading: string }) {
  const steps = 'steps' in report ? report.steps : null;
  return (
    <Stack spacing={2} component="section" aria-label={heading} sx={{ minWidth: 0 }}>
      <Typography variant="subtitle1" component="p" fontWeight={600}>
        {report.summary}
      </Typography>
      {report.facts && report.facts.length > 0 && <Facts facts={report.facts} />}
      {steps && steps.length > 0 && (
        <Box>
          <Typography variant="subtitle2" component="h3">
            Steps
          </Typography>
          <Box component="ol" aria-label="Steps" sx={{ my: 0.5, pl: 3, overflowWrap: 'anywhere' }}>
            {steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </Box>
        </Box>
      )}
      {report.tables?.map((table, index) => <ReportTable key={`${table.title}-${index}`} table={table} />)}
    </Stack>
  );
}

function Facts({ facts }: { facts: NonNullable<RunbookReportView['facts']> }) {
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: 0.5 }}>
      {facts.map((fact, index) => (
        <Box key={`${fact.label}-${index}`} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary" variant="body2">
            {fact.label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, mb: { xs: 1, sm: 0 }, overflowWrap: 'anywhere' }}>
            {fact.status && <Chip size="small" color={STATUS_COLOUR[fact.status]} label={fact.status.toUpperCase()} sx={{ mr: 1 }} />}
            {formatRunbookValue(fact.value, fact.kind)}
            {fact.runbookEntry && (
              <Box component="span" color="text.secondary">
                {' '}
                — next: <RunbookEntryLink anchor={fact.runbookEntry} prefix="" />
              </Box>
            )}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

type ReportTableView = NonNullable<RunbookReportView['tables']>[number];
type ValueKind = ReportTableView['columns'][number]['kind'];

/** Kinds whose values read as one token (a pid, an amount): never broken across lines. */
const ONE_LINE_KINDS = new Set<ValueKind>(['number', 'cents']);
/** Kinds in words ("3 minutes 20 seconds", a date): broken between words only. */
const WORDS_KINDS = new Set<ValueKind>(['ms', 'seconds', 'datetime']);

/**
 * Text and code (names, addresses, query text) as the lists' free-text columns: wrapped
 * within a ceiling, breaking inside a word only when the column needs it, above a floor
 * width (min-width on a block inside the cell: a table cell ignores its own). The floors
 * bound the table's narrowest width whatever the values, so eleven columns of the
 * backends list fit a 1280 px window beside the menu; unbroken values (a 63-character
 * application name, an IPv6 client) wrap instead of widening it. The floor also stops the
 * browser squeezing a short column to a letter's width beside a long query.
 */
const TEXT_CELL = { ...FREE_TEXT_CELL, minWidth: '8ch', maxWidth: '32ch' } as const;
const CODE_CELL = { ...FREE_TEXT_CELL, minWidth: '10ch', maxWidth: '48ch', fontFamily: 'monospace' } as const;

function CellValue({ kind, children }: { kind: ValueKind; children: string }) {
  if (ONE_LINE_KINDS.has(kind)) return <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{children}</Box>;
  if (WORDS_KINDS.has(kind)) return <>{children}</>;
  return <Box component="span" sx={kind === 'code' ? CODE_CELL : TEXT_CELL}>{children}</Box>;
}

function ReportTable({ table }: { table: ReportTableView }) {
  const phone = usePhoneLayout();
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {table.title}
      </Typography>
      {table.rows.length === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {table.empty ?? 'Nothing to show.'}
        </Typography>
      ) : phone ? (
        <ReportEntries table={table} />
      ) : (
        // Narrower than the console's 1280 px (a tablet beside the menu), the table scrolls inside its card, never the page.
        <TableContainer sx={{ overflowX: 'auto', contain: 'inline-size' }}>
          <Table size="small" aria-label={table.title}>
            <TableHead>
              <TableRow>
                {table.columns.map((column) => (
                  <TableCell key={column.key} sx={{ px: 1 }}>
                    {column.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row, index) => (
                <TableRow key={index} data-highlight={row.highlight ?? undefined} sx={row.highlight ? { '& > td:first-of-type': { borderLeft: 3, borderLeftColor: HIGHLIGHT[row.highlight] } } : undefined}>
                  {table.columns.map((column) => (
                    <TableCell key={column.key} sx={{ px: 1 }}>
                      <CellValue kind={column.kind}>{formatRunbookValue(row[column.key], column.kind, row.currency)}</CellValue>
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {(table.omitted ?? 0) > 0 && <Alert severity="info" sx={{ mt: 1 }}>{table.omitted} more rows were left out to keep this bounded; a run acts only on the rows shown.</Alert>}
    </Box>
  );
}

/** On a phone, each row as a stacked entry: its first column as the heading, the others as label and value. */
function ReportEntries({ table }: { table: ReportTableView }) {
  const [first, ...rest] = table.columns;
  return (
    <StackedEntries label={table.title}>
      {table.rows.map((row, index) => (
        <StackedEntry
          key={index}
          highlight={row.highlight ? HIGHLIGHT[row.highlight] : undefined}
          heading={
            <Typography variant="body2" fontWeight={600} sx={first?.kind === 'code' ? { fontFamily: 'monospace' } : undefined}>
              {first ? `${first.label}: ${formatRunbookValue(row[first.key], first.kind, row.currency)}` : null}
            </Typography>
          }
          facts={rest.map((column) => [column.label, <Box component="span" key={column.key} sx={column.kind === 'code' ? { fontFamily: 'monospace' } : undefined}>{formatRunbookValue(row[column.key], column.kind, row.currency)}</Box>])}
        />
      ))}
    </StackedEntries>
  );
}

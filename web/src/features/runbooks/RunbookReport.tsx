import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { RunbookPlanView, RunbookReportView } from '@opsdesk/shared';
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

function ReportTable({ table }: { table: NonNullable<RunbookReportView['tables']>[number] }) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {table.title}
      </Typography>
      {table.rows.length === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {table.empty ?? 'Nothing to show.'}
        </Typography>
      ) : (
        <TableContainer sx={{ overflowX: 'auto', contain: 'inline-size' }}>
          <Table size="small" aria-label={table.title}>
            <TableHead>
              <TableRow>
                {table.columns.map((column) => (
                  <TableCell key={column.key}>{column.label}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row, index) => (
                <TableRow key={index} data-highlight={row.highlight ?? undefined} sx={row.highlight ? { '& > td:first-of-type': { borderLeft: 3, borderLeftColor: HIGHLIGHT[row.highlight] } } : undefined}>
                  {table.columns.map((column) => (
                    <TableCell key={column.key} sx={{ overflowWrap: 'anywhere', fontFamily: column.kind === 'code' ? 'monospace' : undefined, maxWidth: 360 }}>
                      {formatRunbookValue(row[column.key], column.kind, row.currency)}
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

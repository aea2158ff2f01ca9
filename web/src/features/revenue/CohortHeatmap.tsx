import { alpha, Box, Table, TableBody, TableCell, TableHead, TableRow, useTheme } from '@mui/material';
import { monthLabel } from './periodWords';
import { formatRatio } from './revenueFormat';

/**
 * Cohort retention as a triangle: one row per month of first payment, one column per
 * month since, each cell the share of the cohort's starting MRR still paid, shaded by
 * that share in the theme's primary colour. Wide ranges scroll inside the card, the
 * cohort column staying in view; cells never wrap ("100 %" on two lines on a phone).
 */
interface CohortRow {
  cohort: string;
  customers: number[];
  mrr: number[];
}

export function CohortHeatmap({ cohorts }: { cohorts: CohortRow[] }) {
  const theme = useTheme();
  const months = Math.max(...cohorts.map((row) => row.mrr.length));
  return (
    // `contain: inline-size` keeps the wide table's minimum width from widening the page (see customers/Section.tsx).
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table
        size="small"
        aria-label="MRR retention by cohort"
        sx={{ '& th, & td': { whiteSpace: 'nowrap' }, '& tr > :first-of-type': { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper' } }}
      >
        <TableHead>
          <TableRow>
            <TableCell component="th">Cohort</TableCell>
            <TableCell component="th" align="right">Customers</TableCell>
            {Array.from({ length: months }, (_, month) => (
              <TableCell key={month} component="th" align="right">
                M{month}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {cohorts.map((row) => {
            const start = row.mrr[0] ?? 0;
            return (
              <TableRow key={row.cohort}>
                <TableCell component="th" scope="row">{monthLabel(row.cohort)}</TableCell>
                <TableCell align="right">{row.customers[0] ?? 0}</TableCell>
                {row.mrr.map((mrr, month) => {
                  const share = start > 0 ? mrr / start : null;
                  const shade = share === null ? 0 : Math.min(Math.max(share, 0), 1);
                  return (
                    <TableCell key={month} align="right" sx={{ bgcolor: alpha(theme.palette.primary.main, 0.08 + shade * 0.55), color: shade > 0.6 ? theme.palette.primary.contrastText : 'text.primary' }}>
                      {formatRatio(share)}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

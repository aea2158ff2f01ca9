import { Box, Table, TableBody, TableCell, TableHead, TableRow, useTheme, type Theme } from '@mui/material';
import { useMemo } from 'react';
import { decomposeColor, getContrastRatio, recomposeColor } from '@mui/material/styles';
import { monthLabel } from './periodWords';
import { formatRatio } from './revenueFormat';

/**
 * Cohort retention as a triangle: one row per month of first payment, one column per
 * month since, each cell the share of the cohort's starting MRR still paid, shaded by
 * that share in the theme's primary colour. Wide ranges scroll inside the card, the
 * cohort column staying in view (the scrolling box takes the keyboard's focus, so the
 * arrow keys reach the later months); cells never wrap ("100 %" on two lines on a phone).
 */
interface CohortRow {
  cohort: string;
  customers: number[];
  mrr: number[];
}

export function CohortHeatmap({ cohorts }: { cohorts: CohortRow[] }) {
  const theme = useTheme();
  const shading = useMemo(() => cellShading(theme), [theme]);
  const months = Math.max(...cohorts.map((row) => row.mrr.length));
  return (
    // `contain: inline-size` keeps the wide table's minimum width from widening the page (see customers/Section.tsx).
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }} tabIndex={0} role="region" aria-label="Cohort retention table">
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
                  return (
                    <TableCell key={month} align="right" sx={shading(share)}>
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

/**
 * A cell's shade of the primary colour, deeper for a larger share, laid on the card as a
 * solid colour under the theme's own text colour. The deepest shade is the deepest that
 * keeps that text at WCAG's 4.5:1 (on the dark theme, light blue under white text reaches
 * it sooner); switching to white text on deep cells left mid-blue cells at 2.9:1 either way.
 */
function cellShading(theme: Theme): (share: number | null) => { bgcolor: string; color: string } {
  const paper = theme.palette.background.paper;
  const text = theme.palette.text.primary;
  let deepest = 0.63;
  while (deepest > 0.1 && getContrastRatio(text, mix(paper, theme.palette.primary.main, deepest)) < 4.5) deepest -= 0.01;
  return (share) => {
    const shade = share === null ? 0 : Math.min(Math.max(share, 0), 1);
    return { bgcolor: mix(paper, theme.palette.primary.main, 0.08 + shade * (deepest - 0.08)), color: text };
  };
}

/** `overlay` at `opacity` over `base`, as the browser paints a translucent colour. */
function mix(base: string, overlay: string, opacity: number): string {
  const under = decomposeColor(base).values;
  const over = decomposeColor(overlay).values;
  const values = [0, 1, 2].map((i) => Math.round(under[i]! * (1 - opacity) + over[i]! * opacity)) as [number, number, number];
  return recomposeColor({ type: 'rgb', values });
}

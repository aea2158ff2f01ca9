import { Box, Table, TableBody, TableCell, TableHead, TableRow, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useStore } from 'react-admin';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

/**
 * A chart with its numbers as a table one click away. A chart's shape is drawn in SVG,
 * which a screen reader cannot read, its values only show on hover, and its bars take
 * only a mouse click: the table gives every value in words, exactly (money as money),
 * and whatever the bars do as buttons the keyboard reaches. As in ChartMogul's or
 * Grafana's "table view". The choice is made per card and remembered (react-admin's
 * store, in this browser), so someone who reads the tables finds them there next time.
 */
export interface ChartTableColumn<Row> {
  label: string;
  value: (row: Row) => ReactNode;
}

export interface ChartTable<Row> {
  /** What the table holds, said as its caption to screen readers: "MRR at the end of each month". */
  caption: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** The first column, each row's header ("March 2025", "14:05"). */
  rowHeader: ChartTableColumn<Row>;
  /** The values, right-aligned (numbers, money). */
  columns: ReadonlyArray<ChartTableColumn<Row>>;
}

type Shown = 'chart' | 'table';

const ChartView = createContext<{ title: string; shown: Shown; setShown: (shown: Shown) => void } | null>(null);

/**
 * One choice for every chart of a card (the Saturation card's three, the MRR card's one),
 * remembered under `storeKey`; `ChartViewSwitch` in the card's header makes it.
 */
export function ChartViewScope({ storeKey, title, children }: { storeKey: string; title: string; children: ReactNode }) {
  const [shown, setShown] = useStore<Shown>(`charts.${storeKey}.shown`, 'chart');
  const view = useMemo(() => ({ title, shown, setShown }), [title, shown, setShown]);
  return <ChartView.Provider value={view}>{children}</ChartView.Provider>;
}

function useChartView() {
  const view = useContext(ChartView);
  if (!view) throw new Error('A chart with a table view belongs inside a ChartViewScope (its card).');
  return view;
}

/** "Chart | Table", named "Show <card title> as". */
export function ChartViewSwitch() {
  const { title, shown, setShown } = useChartView();
  return (
    <ToggleButtonGroup size="small" exclusive value={shown} onChange={(_event, value: Shown | null) => value && setShown(value)} aria-label={`Show ${title} as`}>
      <ToggleButton value="chart" sx={{ py: 0.25 }}>
        Chart
      </ToggleButton>
      <ToggleButton value="table" sx={{ py: 0.25 }}>
        Table
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

/** The chart, or its table when the card's switch says so; `title` names the table ("<title>, table"). */
export function ChartOrTable<Row>({ title, table, children }: { title: string; table: ChartTable<Row>; children: ReactNode }) {
  return useChartView().shown === 'table' ? <ChartValuesTable title={title} table={table} /> : children;
}

/**
 * The table: a scrolling box of its own (a day of one-minute steps is hundreds of rows;
 * a year of movements is wider than a phone) that takes the keyboard's focus so the
 * arrow keys scroll it, with the header row and the first column kept in view.
 */
function ChartValuesTable<Row>({ title, table }: { title: string; table: ChartTable<Row> }) {
  return (
    <Box tabIndex={0} role="region" aria-label={`${title}, table`} sx={{ overflow: 'auto', maxHeight: 360, contain: 'inline-size' }}>
      <Table
        size="small"
        stickyHeader
        sx={{ '& th, & td': { whiteSpace: 'nowrap' }, '& tbody th': { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper' } }}
      >
        <Box component="caption" sx={visuallyHidden}>
          {table.caption}
        </Box>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {table.rowHeader.label}
            </TableCell>
            {table.columns.map((column) => (
              <TableCell key={column.label} component="th" scope="col" align="right">
                {column.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map((row) => (
            <TableRow key={table.rowKey(row)}>
              <TableCell component="th" scope="row">
                {table.rowHeader.value(row)}
              </TableCell>
              {table.columns.map((column) => (
                <TableCell key={column.label} align="right">
                  {column.value(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

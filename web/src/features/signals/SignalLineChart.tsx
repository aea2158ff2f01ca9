import { Typography, useTheme } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartOrTable, type ChartTable } from '../../app/ChartOrTable';
import { formatDateTime } from '../../app/formatDateTime';
import { niceTicks } from '../../app/niceTicks';
import { tickLabel, type SignalChartRow } from './signalFormat';

export interface SignalLine {
  key: keyof SignalChartRow;
  name: string;
  colour: string;
  dashed?: boolean;
}

/**
 * One signal over the range: a line per series, gaps where a step measured nothing; as a
 * table (when its card's switch says so), one row per step ("—" where it measured
 * nothing), named by `title`.
 */
export function SignalLineChart(props: { title: string; rows: SignalChartRow[]; lines: SignalLine[]; stepSeconds: number; format: (value: number | null) => string; height?: number }) {
  const { title, rows, lines, stepSeconds, format, height = 220 } = props;
  const theme = useTheme();
  // A gauge the source does not report (or a range before the first sample) reads as a sentence, not an empty frame.
  const values = rows.flatMap((row) => lines.map((line) => row[line.key])).filter((value): value is number => typeof value === 'number');
  if (values.length === 0) return <Typography color="text.secondary">Nothing measured in this range.</Typography>;
  // Round steps above the highest point ("0, 100, 200, 300 ms"); an all-zero series gets 0–1, not recharts' 0–4 ("400 %" errors).
  const ticks = niceTicks(0, Math.max(...values));
  const table: ChartTable<SignalChartRow> = {
    caption: `${title}, one row per step of the range`,
    rows,
    rowKey: (row) => row.at,
    rowHeader: { label: 'Step starting', value: (row) => formatDateTime(row.at) },
    columns: lines.map((line) => ({ label: line.name, value: (row: SignalChartRow) => format(row[line.key] as number | null) })),
  };
  return (
    <ChartOrTable title={title} table={table}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={(at: string) => tickLabel(at, stepSeconds)} stroke={theme.palette.text.secondary} fontSize={11} minTickGap={24} />
          {/* recharts wraps a tick label it measures wider than the axis ("100" over "req/s"); the labels are short, so never. */}
          <YAxis tickFormatter={format} stroke={theme.palette.text.secondary} fontSize={11} width={76} tick={{ width: 1_000 }} ticks={ticks} domain={[0, ticks.at(-1)!]} interval={0} />
          <Tooltip
            labelFormatter={(at) => formatDateTime(String(at))}
            formatter={(value) => format(Number(value))}
            contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }}
          />
          {lines.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {lines.map((line) => (
            <Line key={line.key} type="monotone" dataKey={line.key} name={line.name} stroke={line.colour} strokeDasharray={line.dashed ? '4 3' : undefined} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartOrTable>
  );
}

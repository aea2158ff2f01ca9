import { Typography, useTheme } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '../../app/formatDateTime';
import { tickLabel, type SignalChartRow } from './signalFormat';

export interface SignalLine {
  key: keyof SignalChartRow;
  name: string;
  colour: string;
  dashed?: boolean;
}

/** One signal over the range: a line per series, gaps where a step measured nothing. */
export function SignalLineChart({ rows, lines, stepSeconds, format, height = 220 }: { rows: SignalChartRow[]; lines: SignalLine[]; stepSeconds: number; format: (value: number) => string; height?: number }) {
  const theme = useTheme();
  // A gauge the source does not report (or a range before the first sample) reads as a sentence, not an empty frame.
  if (!rows.some((row) => lines.some((line) => row[line.key] !== null))) return <Typography color="text.secondary">Nothing measured in this range.</Typography>;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="at" tickFormatter={(at: string) => tickLabel(at, stepSeconds)} stroke={theme.palette.text.secondary} fontSize={11} minTickGap={24} />
        {/* An all-zero series would otherwise get recharts' default 0–4 scale ("400 %" errors). */}
        <YAxis tickFormatter={format} stroke={theme.palette.text.secondary} fontSize={11} width={72} domain={[0, (max: number) => (max > 0 ? max : 1)]} />
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
  );
}

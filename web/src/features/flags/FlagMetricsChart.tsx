import { useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartOrTable, type ChartTable } from '../../app/ChartOrTable';
import { formatCount, yesShareText, type EnvironmentEvaluations } from './flagMetrics';

/** Yes and no answers per environment over the window, side by side; or the same as a table (the card's switch). */
export function FlagMetricsChart({ rows }: { rows: EnvironmentEvaluations[] }) {
  const theme = useTheme();
  const table: ChartTable<EnvironmentEvaluations> = {
    caption: 'Evaluations per environment over the last 7 days',
    rows,
    rowKey: (row) => row.environment,
    rowHeader: { label: 'Environment', value: (row) => row.environment },
    columns: [
      { label: 'Yes (on)', value: (row) => formatCount(row.yes) },
      { label: 'No (off)', value: (row) => formatCount(row.no) },
      { label: 'Share', value: (row) => yesShareText(row) },
    ],
  };
  return (
    <ChartOrTable title="Evaluation metrics" table={table}>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis dataKey="environment" stroke={theme.palette.text.secondary} fontSize={11} />
          <YAxis tickFormatter={formatCount} stroke={theme.palette.text.secondary} fontSize={11} width={56} allowDecimals={false} />
          <Tooltip formatter={(value) => formatCount(Number(value))} contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }} />
          <Legend />
          <Bar dataKey="yes" name="Yes (on)" fill={theme.palette.success.main} isAnimationActive={false} />
          <Bar dataKey="no" name="No (off)" fill={theme.palette.grey[500]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartOrTable>
  );
}

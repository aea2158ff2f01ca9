import { useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, type EnvironmentEvaluations } from './flagMetrics';

/** Yes and no answers per environment over the window, side by side. */
export function FlagMetricsChart({ rows }: { rows: EnvironmentEvaluations[] }) {
  const theme = useTheme();
  return (
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
  );
}

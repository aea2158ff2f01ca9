import { useTheme } from '@mui/material';
import { formatBudgetRemaining, type SloBudgetPoint } from '@opsdesk/shared';
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartOrTable, type ChartTable } from '../../app/ChartOrTable';
import { formatDateTime } from '../../app/formatDateTime';

/** Budget remaining over the SLO window: starts at 100 % on a fresh window, the zero line marks an overspent budget; as a table, newest first. */
export function SloBudgetChart({ points }: { points: SloBudgetPoint[] }) {
  const theme = useTheme();
  const percent = (ratio: number) => `${Math.round(ratio * 100)} %`;
  const table: ChartTable<SloBudgetPoint> = {
    caption: 'Error budget remaining at each evaluation, newest first',
    rows: [...points].reverse(),
    rowKey: (point) => point.at,
    rowHeader: { label: 'Evaluated at', value: (point) => formatDateTime(point.at) },
    columns: [{ label: 'Budget remaining', value: (point) => formatBudgetRemaining(point.budgetRemaining) }],
  };
  return (
    <ChartOrTable title="Error budget" table={table}>
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={(at: string) => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} stroke={theme.palette.text.secondary} fontSize={11} minTickGap={24} />
          <YAxis tickFormatter={percent} stroke={theme.palette.text.secondary} fontSize={11} width={56} domain={[(min: number) => Math.min(0, min), 1]} />
          <Tooltip
            labelFormatter={(at) => formatDateTime(String(at))}
            formatter={(value) => formatBudgetRemaining(Number(value))}
            contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }}
          />
          <ReferenceLine y={0} stroke={theme.palette.error.main} />
          <Area type="monotone" dataKey="budgetRemaining" name="Budget remaining" stroke={theme.palette.primary.main} fill={theme.palette.primary.light} fillOpacity={0.25} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </ChartOrTable>
  );
}

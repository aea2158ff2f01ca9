import type { TRevenueSeries } from '@opsdesk/shared';
import { useTheme } from '@mui/material';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartOrTable } from '../../app/ChartOrTable';
import { moneyAxisTicks } from './moneyAxisTicks';
import { periodTable } from './periodTable';
import { periodLabel, periodTick } from './periodWords';
import { formatMoney, formatMoneyCompact } from './revenueFormat';

/** MRR at the end of each period of the range; as a table, with the paying customers. */
export function MrrLineChart({ series }: { series: TRevenueSeries }) {
  const theme = useTheme();
  const money = (cents: number) => formatMoney(cents, series.currency);
  const ticks = moneyAxisTicks(Math.min(...series.periods.map((p) => p.mrr)), Math.max(...series.periods.map((p) => p.mrr)), series.currency);
  const points = series.periods.map((period) => ({ mrr: period.mrr, label: periodLabel(period), tick: periodTick(period) }));
  const tickOf = new Map(points.map((point) => [point.label, point.tick]));
  const table = periodTable('MRR and paying customers at the end of each period', series.periods, [
    { label: 'MRR', value: (period) => money(period.mrr) },
    { label: 'Customers', value: (period) => period.customers.toLocaleString('en-US') },
  ]);
  return (
    <ChartOrTable title="MRR" table={table}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis dataKey="label" tickFormatter={(label: string) => tickOf.get(label) ?? label} stroke={theme.palette.text.secondary} fontSize={12} />
          <YAxis ticks={ticks} domain={[ticks[0]!, ticks.at(-1)!]} tickFormatter={(cents: number) => formatMoneyCompact(cents, series.currency)} stroke={theme.palette.text.secondary} fontSize={11} width={92} />
          <Tooltip formatter={(value) => money(Number(value))} contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }} />
          <Line type="monotone" dataKey="mrr" name="MRR" stroke={theme.palette.primary.main} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartOrTable>
  );
}

import { MOVEMENT_KINDS, type MovementKind, type TRevenuePeriod, type TRevenueSeries } from '@opsdesk/shared';
import { useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { moneyAxisTicks, stackedExtent } from './moneyAxisTicks';
import { periodLabel, periodTick } from './periodWords';
import { formatMoney, formatMoneyCompact, MOVEMENT_LABELS, movementColour } from './revenueFormat';
import type { RevenueDrill } from './revenueView';

/**
 * The five movements per period, stacked: growth above zero, contraction and churn below
 * (their amounts are negative, `stackOffset="sign"` puts them under the axis). Clicking a
 * bar opens the customers behind that movement in that period.
 */
export function MovementsChart({ series, onDrill }: { series: TRevenueSeries; onDrill: (drill: RevenueDrill) => void }) {
  const theme = useTheme();
  const money = (cents: number) => formatMoney(cents, series.currency);
  const rows = series.periods.map((period) => ({ ...period.movements, label: periodLabel(period), tick: periodTick(period), source: period }));
  const tickOf = new Map(rows.map((row) => [row.label, row.tick]));
  const ticks = moneyAxisTicks(...stackedExtent(rows, MOVEMENT_KINDS), series.currency);
  const drill = (kind: MovementKind, period: TRevenuePeriod) => onDrill({ kind, from: period.startDay, to: period.endDay, label: `${MOVEMENT_LABELS[kind]}, ${periodLabel(period)}` });
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={rows} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="label" tickFormatter={(label: string) => tickOf.get(label) ?? label} stroke={theme.palette.text.secondary} fontSize={12} />
        <YAxis ticks={ticks} domain={[ticks[0]!, ticks.at(-1)!]} tickFormatter={(cents: number) => formatMoneyCompact(cents, series.currency)} stroke={theme.palette.text.secondary} fontSize={11} width={92} />
        <ReferenceLine y={0} stroke={theme.palette.text.secondary} />
        <Tooltip formatter={(value) => money(Number(value))} cursor={{ fill: theme.palette.action.hover }} contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }} />
        <Legend />
        {MOVEMENT_KINDS.map((kind) => (
          <Bar
            key={kind}
            dataKey={kind}
            name={MOVEMENT_LABELS[kind]}
            stackId="movements"
            fill={movementColour(theme, kind)}
            className={`movement-bar-${kind}`}
            cursor="pointer"
            isAnimationActive={false}
            onClick={(entry) => drill(kind, (entry.payload as { source: TRevenuePeriod }).source)}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

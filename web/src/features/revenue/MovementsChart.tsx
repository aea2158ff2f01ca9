import { MOVEMENT_KINDS, type MovementKind, type TRevenuePeriod, type TRevenueSeries } from '@opsdesk/shared';
import { Box, Link, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartOrTable } from '../../app/ChartOrTable';
import { moneyAxisTicks, stackedExtent } from './moneyAxisTicks';
import { periodTable } from './periodTable';
import { periodLabel, periodTick } from './periodWords';
import { formatMoney, formatMoneyCompact, formatSignedMoney, MOVEMENT_LABELS, movementColour } from './revenueFormat';
import type { RevenueDrill } from './revenueView';

/**
 * The five movements per period, stacked: growth above zero, contraction and churn below
 * (their amounts are negative, `stackOffset="sign"` puts them under the axis). Clicking a
 * bar opens the customers behind that movement in that period; in the table view each
 * amount is a button that does the same, for the keyboard and screen readers.
 */
export function MovementsChart({ series, onDrill }: { series: TRevenueSeries; onDrill: (drill: RevenueDrill) => void }) {
  const theme = useTheme();
  const money = (cents: number) => formatMoney(cents, series.currency);
  const rows = series.periods.map((period) => ({ ...period.movements, label: periodLabel(period), tick: periodTick(period), source: period }));
  const tickOf = new Map(rows.map((row) => [row.label, row.tick]));
  const ticks = moneyAxisTicks(...stackedExtent(rows, MOVEMENT_KINDS), series.currency);
  // Legend and tooltip in the movements' own order (growth, then losses, as the table and the CSV), not recharts' alphabetical one.
  const kindOrder = (item: { dataKey?: unknown }) => MOVEMENT_KINDS.indexOf(item.dataKey as MovementKind);
  const drill = (kind: MovementKind, period: TRevenuePeriod) => onDrill({ kind, from: period.startDay, to: period.endDay, label: `${MOVEMENT_LABELS[kind]}, ${periodLabel(period)}` });
  const table = periodTable('MRR movements per period, and net new MRR', series.periods, [
    ...MOVEMENT_KINDS.map((kind) => ({
      label: MOVEMENT_LABELS[kind],
      value: (period: TRevenuePeriod) => {
        const text = formatSignedMoney(period.movements[kind], series.currency);
        // Zero is faint: the months' real movements stand out in a column of mostly nothing.
        if (period.movements[kind] === 0) return <Box component="span" sx={{ color: 'text.secondary' }}>{text}</Box>;
        return (
          // Named by its words first (voice control says what it reads), then what it does.
          <Link component="button" type="button" aria-label={`${text}, ${MOVEMENT_LABELS[kind].toLowerCase()} in ${periodLabel(period)}: show the customers`} onClick={() => drill(kind, period)}>
            {text}
          </Link>
        );
      },
    })),
    { label: 'Net new', value: (period) => formatSignedMoney(period.netNew, series.currency) },
  ]);
  return (
    <ChartOrTable title="MRR movements" table={table}>
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={rows} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
          <XAxis dataKey="label" tickFormatter={(label: string) => tickOf.get(label) ?? label} stroke={theme.palette.text.secondary} fontSize={12} />
          <YAxis ticks={ticks} domain={[ticks[0]!, ticks.at(-1)!]} tickFormatter={(cents: number) => formatMoneyCompact(cents, series.currency)} stroke={theme.palette.text.secondary} fontSize={11} width={92} />
          <ReferenceLine y={0} stroke={theme.palette.text.secondary} />
          <Tooltip formatter={(value) => money(Number(value))} itemSorter={kindOrder} cursor={{ fill: theme.palette.action.hover }} contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }} />
          <Legend itemSorter={kindOrder} />
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
    </ChartOrTable>
  );
}

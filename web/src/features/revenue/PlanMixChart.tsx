import { List, ListItem, ListItemText, useTheme } from '@mui/material';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from './revenueFormat';

/** MRR by plan at the end of the range, largest first, with the customers on each. */
interface PlanMixRow {
  plan: string | null;
  mrr: number;
  customers: number;
}

export function PlanMixChart({ rows, currency }: { rows: PlanMixRow[]; currency: string }) {
  const theme = useTheme();
  const data = [...rows].sort((a, b) => b.mrr - a.mrr).map((row) => ({ ...row, name: row.plan ?? 'No plan name' }));
  return (
    <>
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * 36)}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={110} stroke={theme.palette.text.secondary} fontSize={12} />
          <Tooltip formatter={(value) => formatMoney(Number(value), currency)} contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }} />
          <Bar dataKey="mrr" name="MRR" fill={theme.palette.secondary.main} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <List dense disablePadding aria-label="MRR by plan">
        {data.map((row) => (
          <ListItem key={row.name} disableGutters>
            <ListItemText primary={row.name} secondary={`${formatMoney(row.mrr, currency)} · ${row.customers} ${row.customers === 1 ? 'customer' : 'customers'}`} />
          </ListItem>
        ))}
      </List>
    </>
  );
}

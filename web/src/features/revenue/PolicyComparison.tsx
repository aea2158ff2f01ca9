import { REVENUE_POLICY_NAMES, type RevenuePolicyName, type TPolicyComparison, type TPolicyComparisonRow } from '@opsdesk/shared';
import { Alert, Button, Card, CardContent, List, ListItem, ListItemText, MenuItem, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { dayLabel } from './periodWords';
import { formatMoney, formatSignedMoney, POLICY_LABELS } from './revenueFormat';
import type { RevenueCompare, RevenueView } from './revenueView';
import { usePolicyComparison } from './useRevenue';

/**
 * Two policies side by side on the view's `to` day: both MRR totals, how many customers
 * differ, and each of them with both figures and the rule behind the difference, linked
 * to their page. Policies and day are in the URL like the rest of the view.
 */
export function PolicyComparison({ view, compare, onChange, onClose }: { view: RevenueView; compare: RevenueCompare; onChange: (compare: RevenueCompare) => void; onClose: () => void }) {
  const comparison = usePolicyComparison(view, compare);
  const first = comparison.data?.pages[0];
  return (
    <Card component="section" aria-label="Compare policies" variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" alignItems="center" justifyContent="space-between" flexWrap="wrap" gap={1}>
            <Typography variant="h6" component="h2">
              Compare policies on {view.to}
            </Typography>
            <Button size="small" onClick={onClose}>
              Close comparison
            </Button>
          </Stack>
          <Stack direction="row" gap={2} flexWrap="wrap" useFlexGap>
            <PolicyPicker label="Policy A" value={compare.a} onChange={(a) => onChange({ ...compare, a })} />
            <PolicyPicker label="Policy B" value={compare.b} onChange={(b) => onChange({ ...compare, b })} />
          </Stack>
          {comparison.isPending ? (
            <Skeleton variant="rounded" height={120} role="status" aria-label="Loading the comparison" />
          ) : comparison.error ? (
            <Alert severity="error">{errorMessage(comparison.error)}</Alert>
          ) : (
            first && (
              <>
                <ComparisonTotals comparison={first} />
                <DifferingCustomers rows={comparison.data.pages.flatMap((page) => page.rows)} comparison={first} />
                {comparison.hasNextPage && (
                  <Button sx={{ alignSelf: 'flex-start' }} onClick={() => comparison.fetchNextPage()} disabled={comparison.isFetchingNextPage}>
                    Show more
                  </Button>
                )}
              </>
            )
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

function PolicyPicker({ label, value, onChange }: { label: string; value: RevenuePolicyName; onChange: (policy: RevenuePolicyName) => void }) {
  return (
    <TextField select size="small" label={label} value={value} onChange={(event) => onChange(event.target.value as RevenuePolicyName)} sx={{ minWidth: 160, flex: '1 1 160px' }}>
      {REVENUE_POLICY_NAMES.map((policy) => (
        <MenuItem key={policy} value={policy}>
          {POLICY_LABELS[policy]}
        </MenuItem>
      ))}
    </TextField>
  );
}

function ComparisonTotals({ comparison }: { comparison: TPolicyComparison }) {
  const { totals, currency } = comparison;
  const [a, b] = [POLICY_LABELS[comparison.a], POLICY_LABELS[comparison.b]];
  return (
    <Stack component="dl" aria-label="Comparison totals" direction="row" flexWrap="wrap" columnGap={4} rowGap={1} sx={{ m: 0, '& dd': { m: 0, fontWeight: 600 } }}>
      <TotalItem term={`MRR under ${a}`} value={`${formatMoney(totals.mrrA, currency)} (${totals.customersA} customers)`} />
      <TotalItem term={`MRR under ${b}`} value={`${formatMoney(totals.mrrB, currency)} (${totals.customersB} customers)`} />
      <TotalItem term={`${b} − ${a}`} value={formatSignedMoney(totals.differenceCents, currency)} />
      <TotalItem term="Customers that differ" value={totals.differingCustomers.toLocaleString('en-US')} />
    </Stack>
  );
}

function TotalItem({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <Typography component="dt" variant="body2" color="text.secondary">
        {term}
      </Typography>
      <Typography component="dd">{value}</Typography>
    </div>
  );
}

function DifferingCustomers({ rows, comparison }: { rows: TPolicyComparisonRow[]; comparison: TPolicyComparison }) {
  if (rows.length === 0) return <Typography color="text.secondary">Every customer has the same MRR under both policies on {dayLabel(comparison.day)}.</Typography>;
  const [a, b] = [POLICY_LABELS[comparison.a], POLICY_LABELS[comparison.b]];
  return (
    <List aria-label="Customers that differ" disablePadding>
      {rows.map((row) => (
        <ListItem key={row.customerId} disableGutters divider>
          <ListItemText
            slotProps={{ primary: { component: 'div' }, secondary: { component: 'div' } }}
            primary={
              <Typography component="span" sx={{ overflowWrap: 'anywhere' }}>
                <TargetLabel targetType="customer" targetId={row.customerId} />
              </Typography>
            }
            secondary={
              <Stack component="span" sx={{ overflowWrap: 'anywhere' }}>
                <span>
                  {a} {formatMoney(row.mrrA, comparison.currency)} → {b} {formatMoney(row.mrrB, comparison.currency)} ({formatSignedMoney(row.differenceCents, comparison.currency)})
                </span>
                <span>Why: {row.why.length > 0 ? row.why.join('; ') : 'the stored figures are older than the history; a revenue rebuild settles it'}</span>
              </Stack>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

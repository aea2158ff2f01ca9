import type { TReconciliationDifference } from '@opsdesk/shared';
import { Alert, Button, Chip, List, ListItem, ListItemText, Skeleton, Stack, Typography } from '@mui/material';
import { errorMessage } from '../../../app/trpcErrors';
import { TargetLabel } from '../../customers/CustomerTargetLink';
import { formatMoney, formatSignedMoney } from '../revenueFormat';
import { REASON_LABELS } from './reconciliationText';
import { useReconciliationDifferences } from './useReconciliation';

/**
 * The customers whose figures differ, largest difference first, with the reason found
 * and both figures to the cent; a keyset page at a time ("Show more"). Stacked entries,
 * so the list holds on a phone as on a wide screen.
 */
export function ReconciliationDifferences({ runId, currency, stored, total }: { runId: string; currency: string; stored: number; total: number }) {
  const pages = useReconciliationDifferences(runId, true);
  if (pages.isPending) {
    return (
      <Stack spacing={1} role="status" aria-label="Loading the differences">
        {[0, 1, 2].map((line) => (
          <Skeleton key={line} variant="rounded" height={64} />
        ))}
      </Stack>
    );
  }
  if (pages.error) return <Alert severity="error">{errorMessage(pages.error)}</Alert>;
  const rows = pages.data.pages.flatMap((page) => page.rows);
  if (rows.length === 0) return <Typography color="text.secondary">Every customer's MRR matches Stripe to the cent.</Typography>;
  return (
    <>
      {total > stored && <Alert severity="info" sx={{ mb: 1 }}>{`${total.toLocaleString('en-US')} customers differ; the ${stored.toLocaleString('en-US')} largest differences are listed.`}</Alert>}
      <List aria-label="Customers that differ" disablePadding>
        {rows.map((row) => (
          <ListItem key={row.id} disableGutters divider>
            <DifferenceRow row={row} currency={currency} />
          </ListItem>
        ))}
      </List>
      {pages.hasNextPage && (
        <Button sx={{ mt: 1 }} onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Show more
        </Button>
      )}
    </>
  );
}

function DifferenceRow({ row, currency }: { row: TReconciliationDifference; currency: string }) {
  return (
    <ListItemText
      slotProps={{ primary: { component: 'div' }, secondary: { component: 'div' } }}
      primary={
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <Typography component="span" sx={{ overflowWrap: 'anywhere' }}>
            {row.customerName || row.customerEmail ? <TargetLabel targetType="customer" targetId={row.customerId} /> : row.customerId}
          </Typography>
          <Chip size="small" label={REASON_LABELS[row.reason]} color={row.reason === 'excluded_currency' ? 'default' : 'warning'} variant="outlined" />
        </Stack>
      }
      secondary={
        <Stack component="span" sx={{ overflowWrap: 'anywhere' }}>
          <span>
            Opsdesk {formatMoney(row.opsdeskCents, currency)} · Stripe {formatMoney(row.stripeCents, currency)} · difference {formatSignedMoney(row.differenceCents, currency)}
          </span>
          {row.subscriptionId && <span>Subscription {row.subscriptionId}</span>}
          {row.note && <span>{row.note}</span>}
        </Stack>
      }
    />
  );
}

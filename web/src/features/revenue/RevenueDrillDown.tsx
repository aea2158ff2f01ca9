import type { TRevenueDrillDownRow } from '@opsdesk/shared';
import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { MovementExplanation } from './MovementExplanation';
import { RevenueExportButton } from './RevenueExportButton';
import { dayLabel } from './periodWords';
import { formatMoney, MOVEMENT_LABELS } from './revenueFormat';
import type { RevenueDrill, RevenueView } from './revenueView';
import { useRevenueDrillDown } from './useRevenue';

/**
 * The customers behind a number or a bar: their movements in that period, a keyset page
 * at a time ("Show more"), all of them as CSV. Choosing one shows why it moved (MovementExplanation).
 */
export function RevenueDrillDown({ view, drill, currency, onClose }: { view: RevenueView; drill: RevenueDrill; currency: string; onClose: () => void }) {
  const [explained, setExplained] = useState<TRevenueDrillDownRow | null>(null);
  return (
    <Dialog open onClose={onClose} maxWidth="md" {...useDialogLayout()} aria-labelledby="revenue-drill-title">
      <DialogTitle id="revenue-drill-title">{explained ? `Why ${customerLabel(explained)} moved` : `${drill.label}: the customers behind it`}</DialogTitle>
      <DialogContent dividers>
        {explained ? <MovementExplanation row={explained} currency={currency} /> : <DrillDownList view={view} drill={drill} currency={currency} onExplain={setExplained} />}
      </DialogContent>
      <DialogActions>
        {explained ? <Button onClick={() => setExplained(null)}>Back to the list</Button> : <RevenueExportButton dataset="drill-down" view={view} drill={drill} what="these customers" />}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

function DrillDownList({ view, drill, currency, onExplain }: { view: RevenueView; drill: RevenueDrill; currency: string; onExplain: (row: TRevenueDrillDownRow) => void }) {
  const pages = useRevenueDrillDown(view, drill);
  if (pages.isPending) {
    return (
      <Stack spacing={1} role="status" aria-label="Loading the customers">
        {[0, 1, 2].map((line) => (
          <Skeleton key={line} variant="rounded" height={56} />
        ))}
      </Stack>
    );
  }
  if (pages.error) return <Alert severity="error">{errorMessage(pages.error)}</Alert>;
  const rows = pages.data.pages.flatMap((page) => page.rows);
  if (rows.length === 0) return <Typography color="text.secondary">No customer moved this way in {drill.from} – {drill.to}.</Typography>;
  return (
    <>
      <List aria-label="Customers behind the number" disablePadding>
        {rows.map((row) => (
          <ListItem key={row.movementId} disableGutters divider sx={{ flexWrap: 'wrap', columnGap: 2 }}>
            <DrillDownRow row={row} currency={currency} />
            <Button size="small" variant="outlined" onClick={() => onExplain(row)} aria-label={`Explain ${customerLabel(row)}`}>
              Explain
            </Button>
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

export const customerLabel = (row: Pick<TRevenueDrillDownRow, 'customerName' | 'customerEmail' | 'customerId'>) => row.customerName ?? row.customerEmail ?? row.customerId;

function DrillDownRow({ row, currency }: { row: TRevenueDrillDownRow; currency: string }) {
  return (
    <ListItemText
      slotProps={{ primary: { component: 'div' }, secondary: { component: 'div' } }}
      primary={
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <Typography component="span" sx={{ overflowWrap: 'anywhere' }}>
            <TargetLabel targetType="customer" targetId={row.customerId} />
          </Typography>
          <Chip size="small" label={MOVEMENT_LABELS[row.kind]} />
        </Stack>
      }
      secondary={
        <Stack component="span" sx={{ overflowWrap: 'anywhere' }}>
          <span>{row.customerEmail}</span>
          <span>
            {dayLabel(row.day)}: {formatMoney(row.beforeCents, currency)} → {formatMoney(row.afterCents, currency)}
          </span>
          <span>Stripe event {row.sourceEventId ?? '— (recomputed, no event)'}</span>
        </Stack>
      }
    />
  );
}

import { Alert, Button, Skeleton, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { BulkDecisionDialog } from './BulkDecisionDialog';
import { decidableCodes } from './decisionForm';
import { NextItemButton } from './NextItemButton';
import { QueueCounts } from './QueueCounts';
import { QueueFilters } from './QueueFilters';
import { QueueTable, type QueueSelection } from './QueueTable';
import { filtersFromParams, paramsFromFilters, queueRequestOf, type QueueFilterValues } from './moderationQueueFilters';
import { useModerationQueue, useReasonCodes } from './useModeration';

/**
 * The moderation queue (`#/moderation`): live counts per priority and reason group, the
 * filters in the address, the items in priority order (older pages on demand),
 * "Next item" (`n`), which claims the top item and opens it, and bulk decisions over the
 * selected rows or all items matching the filter (a server job; see ModerationBulkRun).
 */
export default function ModerationQueue() {
  const { canAccess, isPending } = useCanAccess({ resource: 'moderation', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to see the moderation queue.</Alert>;
  return <QueuePage />;
}

function QueuePage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const queue = useModerationQueue(queueRequestOf(filters));
  const { canAccess: canDecide } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const codes = useReasonCodes();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);
  const setFilters = (next: QueueFilterValues) => {
    setSelected(new Set());
    setParams(paramsFromFilters(next), { replace: true });
  };
  const rows = queue.data?.pages.flatMap((page) => page.items) ?? [];
  // Bulk decisions act on live items (waiting or held), never on decided ones.
  const bulk = canDecide === true && filters.status !== 'decided' && codes.data !== undefined;
  const selection: QueueSelection = {
    selected,
    toggle: (id) => setSelected((previous) => (previous.has(id) ? new Set([...previous].filter((x) => x !== id)) : new Set([...previous, id]))),
    setAll: (ids) => setSelected(new Set(ids)),
  };
  const counts = queue.data?.pages[0]?.counts ?? [];
  return (
    <ConsolePage
      title="Moderation"
      heading="Moderation queue"
      actions={
        <>
          {bulk && (
            <Button variant="outlined" size="small" onClick={() => setBulkOpen(true)}>
              Bulk decision{selected.size > 0 ? ` (${selected.size})` : '…'}
            </Button>
          )}
          <NextItemButton reasonGroup={filters.reasonGroup || undefined} />
        </>
      }
    >
      {bulk && bulkOpen && (
        <BulkDecisionDialog
          open
          onClose={() => setBulkOpen(false)}
          filter={{ reasonGroup: filters.reasonGroup || undefined, search: filters.search.trim() || undefined }}
          selectedIds={[...selected].filter((id) => rows.some((row) => row.id === id))}
          codes={decidableCodes(codes.data)}
        />
      )}
      {queue.data && <QueueCounts counts={counts} reasonGroup={filters.reasonGroup} onGroup={(group) => setFilters({ ...filters, reasonGroup: group })} />}
      <QueueFilters values={filters} onChange={setFilters} />
      {queue.isPending && <Skeleton variant="rounded" height={240} role="status" aria-label="Loading the queue" />}
      {queue.error && <Alert severity="error">{errorMessage(queue.error)}</Alert>}
      {queue.data && rows.length === 0 && <Typography color="text.secondary">{paramsFromFilters(filters).size > 0 ? 'No item matches these filters.' : 'The queue is empty: no reported item is waiting.'}</Typography>}
      {rows.length > 0 && <QueueTable rows={rows} selection={bulk ? selection : undefined} />}
      {queue.hasNextPage && (
        <Button variant="outlined" onClick={() => queue.fetchNextPage()} disabled={queue.isFetchingNextPage} sx={{ alignSelf: 'flex-start' }}>
          {queue.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </Button>
      )}
    </ConsolePage>
  );
}

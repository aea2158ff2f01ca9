import { Alert, Box, Button, MenuItem, Skeleton, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { PRIVACY_REQUEST_KINDS } from '@opsdesk/shared';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { PrivacyRequestTable } from './PrivacyRequestTable';
import { filtersFromParams, LIST_TABS, listRequestOf, paramsFromFilters, TAB_LABELS, type PrivacyListFilters } from './privacyListFilters';
import { KIND_LABELS } from './privacyText';
import { RecordRequestDialog } from './RecordRequestDialog';
import { usePrivacyRequests } from './usePrivacy';

/**
 * The privacy requests (`#/privacy`): deadline views as tabs (in the address, so the home
 * cards link to them), a kind filter, the requests as the server orders them (open ones
 * soonest due first, All newest first; more pages on demand), and "Record request" for
 * those who manage requests.
 */
export default function PrivacyRequestList() {
  const { canAccess, isPending } = useCanAccess({ resource: 'privacy', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to see privacy requests.</Alert>;
  return <ListPage />;
}

function ListPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const requests = usePrivacyRequests(listRequestOf(filters));
  const { canAccess: canManage } = useCanAccess({ resource: 'privacy', action: 'manage' });
  const [recording, setRecording] = useState(false);
  const setFilters = (next: PrivacyListFilters) => setParams(paramsFromFilters(next), { replace: true });
  const rows = requests.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <ConsolePage
      title="Privacy"
      heading="Privacy requests"
      actions={
        canManage && (
          <Button variant="contained" onClick={() => setRecording(true)}>
            Record request
          </Button>
        )
      }
    >
      {canManage && <RecordRequestDialog open={recording} onClose={() => setRecording(false)} />}
      {/* `contain: inline-size`: the tabs' full width must not widen the page on a phone; they scroll instead. */}
      <Box sx={{ contain: 'inline-size' }}>
        <Tabs value={filters.tab} onChange={(_, tab) => setFilters({ ...filters, tab })} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile aria-label="Deadline views">
          {LIST_TABS.map((tab) => (
            <Tab key={tab} value={tab} label={TAB_LABELS[tab]} />
          ))}
        </Tabs>
      </Box>
      <Stack direction="row" role="search" aria-label="Request filters">
        <TextField select size="small" label="Kind" value={filters.kind} onChange={(event) => setFilters({ ...filters, kind: event.target.value as PrivacyListFilters['kind'] })}
          // "Every kind" shows when no kind is chosen; one select across a 1440 px page would read as a search box.
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          sx={{ width: { xs: '100%', sm: 280 } }}
        >
          <MenuItem value="">Every kind</MenuItem>
          {PRIVACY_REQUEST_KINDS.map((kind) => (
            <MenuItem key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {requests.isPending && <Skeleton variant="rounded" height={240} role="status" aria-label="Loading the requests" />}
      {requests.error && <Alert severity="error">{errorMessage(requests.error)}</Alert>}
      {requests.data && rows.length === 0 && <Typography color="text.secondary">{filters.tab === 'open' && !filters.kind ? 'No open privacy request.' : 'No request in this view.'}</Typography>}
      {rows.length > 0 && <PrivacyRequestTable rows={rows} />}
      {requests.hasNextPage && (
        <Button variant="outlined" onClick={() => requests.fetchNextPage()} disabled={requests.isFetchingNextPage} sx={{ alignSelf: 'flex-start' }}>
          {requests.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </Button>
      )}
    </ConsolePage>
  );
}

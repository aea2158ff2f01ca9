import { Alert, Box, Button, MenuItem, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { SloAlertItem } from './SloAlertItem';
import { alertHistoryEmptyText } from './sloText';
import { useActiveAlerts, useSloAlertHistory, type SloAlertsFilter } from './useSlos';

/**
 * On-call's alert page (/slo-alerts): what fires now on top, then the history of state
 * changes, newest first, filtered by state and severity (and SLO, from an SLO's page),
 * older pages on demand. The filters live in the URL.
 */
export default function SloAlertsPage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'slos', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to see SLO alerts.</Alert>;
  return (
    <ConsolePage
      title="Alerts"
      spacing={3}
      actions={
        <Button component={RouterLink} to="/slos" size="small" variant="outlined">
          SLOs
        </Button>
      }
    >
      <ActiveAlerts />
      <AlertHistory />
    </ConsolePage>
  );
}

function ActiveAlerts() {
  const active = useActiveAlerts();
  return (
    <Stack component="section" aria-label="Firing now" spacing={1}>
      <Typography variant="h6" component="h2">
        Firing now
      </Typography>
      {active.isPending && <Skeleton variant="rounded" height={96} role="status" aria-label="Loading the active alerts" />}
      {active.error && <Alert severity="error">{errorMessage(active.error)}</Alert>}
      {active.data?.length === 0 && <Typography color="text.secondary">No alert is firing.</Typography>}
      {active.data?.map((alert) => <SloAlertItem key={alert.id} alert={alert} />)}
    </Stack>
  );
}

const STATES = ['firing', 'resolved'] as const;
const SEVERITIES = ['page', 'ticket'] as const;
const pick = <T extends string>(options: readonly T[], value: string | null): T | undefined => options.find((option) => option === value);

function AlertHistory() {
  const [search, setSearch] = useSearchParams();
  const filter: SloAlertsFilter = { state: pick(STATES, search.get('state')), severity: pick(SEVERITIES, search.get('severity')), sloId: /^[0-9a-f-]{36}$/i.test(search.get('sloId') ?? '') ? search.get('sloId')! : undefined };
  const history = useSloAlertHistory(filter);
  const events = history.data?.pages.flatMap((page) => page.events) ?? [];
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  // "Any" shows in an unfiltered select, not an empty box under its label.
  const select = { select: true, size: 'small', sx: { width: 180 }, slotProps: { inputLabel: { shrink: true }, select: { displayEmpty: true } } } as const;
  return (
    <Stack component="section" aria-label="History" spacing={1}>
      <Typography variant="h6" component="h2">
        History
      </Typography>
      <Box component="form" aria-label="Alert filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }} onSubmit={(event) => event.preventDefault()}>
        <TextField {...select} label="State" value={filter.state ?? ''} onChange={(event) => set('state', event.target.value)}>
          <MenuItem value="">Any</MenuItem>
          <MenuItem value="firing">Fired</MenuItem>
          <MenuItem value="resolved">Resolved</MenuItem>
        </TextField>
        <TextField {...select} label="Severity" value={filter.severity ?? ''} onChange={(event) => set('severity', event.target.value)}>
          <MenuItem value="">Any</MenuItem>
          <MenuItem value="page">Page</MenuItem>
          <MenuItem value="ticket">Ticket</MenuItem>
        </TextField>
        {filter.sloId && <Button onClick={() => set('sloId', '')}>All SLOs</Button>}
      </Box>
      {history.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading the alert history" />}
      {history.error && <Alert severity="error">{errorMessage(history.error)}</Alert>}
      {history.data && events.length === 0 && <Typography color="text.secondary">{alertHistoryEmptyText(filter)}</Typography>}
      {events.map((alert) => <SloAlertItem key={alert.id} alert={alert} />)}
      {history.hasNextPage && (
        <Button variant="outlined" sx={{ alignSelf: 'flex-start' }} disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {history.isFetchingNextPage ? 'Loading…' : 'Older'}
        </Button>
      )}
    </Stack>
  );
}

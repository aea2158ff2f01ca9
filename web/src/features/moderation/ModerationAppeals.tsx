import { Alert, Button, FormControlLabel, MenuItem, Skeleton, Stack, Switch, TextField, Typography } from '@mui/material';
import { MODERATION_APPEAL_STATUSES, type TModerationAppealStatus } from '@opsdesk/shared';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { AppealCard } from './AppealCard';
import { useAppeal, useAppeals } from './useAppeals';
import { APPEAL_STATUS_LABELS } from './moderationText';


/**
 * Appeals (`#/moderation-appeals?status=open&forMe=true`), oldest first: each is decided
 * by a moderator other than the one who took the decision (the server refuses the first
 * decider; the page says so instead of offering the buttons). `?appeal=<id>` shows that one
 * appeal whatever its status: where an audit entry about it links.
 */
export default function ModerationAppeals() {
  const { canAccess, isPending } = useCanAccess({ resource: 'moderation', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to see appeals.</Alert>;
  return <AppealsPage />;
}

function AppealsPage() {
  const [params] = useSearchParams();
  const appealId = params.get('appeal');
  return appealId ? <OneAppeal appealId={appealId} /> : <AppealList />;
}

/** What the last decision on this page did (the decided card may leave the list). */
function OutcomeAlert({ outcome, onClose }: { outcome: string | null; onClose: () => void }) {
  if (!outcome) return null;
  return (
    <Alert severity="success" role="status" onClose={onClose}>
      {outcome}
    </Alert>
  );
}

function OneAppeal({ appealId }: { appealId: string }) {
  const appeal = useAppeal(appealId);
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <ConsolePage
      title="Appeal"
      actions={
        <Button component={RouterLink} to="/moderation-appeals">
          All open appeals
        </Button>
      }
    >
      <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />
      {appeal.isPending && <Skeleton variant="rounded" height={200} role="status" aria-label="Loading the appeal" />}
      {appeal.error && <Alert severity="error">{errorMessage(appeal.error)}</Alert>}
      {appeal.data && <AppealCard appeal={appeal.data} onDecided={setOutcome} />}
    </ConsolePage>
  );
}

function AppealList() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? 'open';
  const status = (MODERATION_APPEAL_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as TModerationAppealStatus) : 'open';
  const forMe = params.get('forMe') === 'true';
  const appeals = useAppeals({ status, forMe });
  const [outcome, setOutcome] = useState<string | null>(null);
  const rows = appeals.data?.pages.flatMap((page) => page.items) ?? [];
  const setFilter = (next: { status: TModerationAppealStatus; forMe: boolean }) => {
    const search = new URLSearchParams();
    if (next.status !== 'open') search.set('status', next.status);
    if (next.forMe) search.set('forMe', 'true');
    setParams(search, { replace: true });
  };
  return (
    <ConsolePage title="Appeals">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'center' }} role="search" aria-label="Appeal filters">
        <TextField select size="small" label="Status" value={status} onChange={(event) => setFilter({ status: event.target.value as TModerationAppealStatus, forMe })} sx={{ minWidth: 160, width: { sm: 220 } }}>
          {MODERATION_APPEAL_STATUSES.map((value) => (
            <MenuItem key={value} value={value}>
              {APPEAL_STATUS_LABELS[value]}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel control={<Switch checked={forMe} onChange={(event) => setFilter({ status, forMe: event.target.checked })} />} label="Only those I may decide" />
      </Stack>
      <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />
      {appeals.isPending && <Skeleton variant="rounded" height={200} role="status" aria-label="Loading the appeals" />}
      {appeals.error && <Alert severity="error">{errorMessage(appeals.error)}</Alert>}
      {appeals.data && rows.length === 0 && <Typography color="text.secondary">No {APPEAL_STATUS_LABELS[status].toLowerCase()} appeal{forMe ? ' waits for you' : ''}.</Typography>}
      <Stack spacing={1.5} component="section" aria-label="Appeals">
        {rows.map((appeal) => (
          <AppealCard key={appeal.id} appeal={appeal} onDecided={setOutcome} />
        ))}
      </Stack>
      {appeals.hasNextPage && (
        <Button variant="outlined" onClick={() => appeals.fetchNextPage()} disabled={appeals.isFetchingNextPage} sx={{ alignSelf: 'flex-start' }}>
          Show more
        </Button>
      )}
    </ConsolePage>
  );
}

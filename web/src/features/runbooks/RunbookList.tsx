import { Alert, Box, Card, CardActionArea, CardActions, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import type { RunbookActionInfo } from '@opsdesk/shared';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { RunbookEntryLink } from './entry/RunbookEntryLink';
import { RISK_LABELS } from './riskLabels';
import { RunHistory } from './RunHistory';
import { TemporaryChangesList } from './TemporaryChanges';
import { useRunbookActions, useRuns, useTemporaryChanges } from './useRunbooks';

/** On-call's starting point: temporary changes in place, every action with when to use it, and the latest runs. */
export default function RunbookList() {
  const actions = useRunbookActions();
  return (
    <ConsolePage title="Runbooks" spacing={3}>
      <ActiveChangesSection />
      <Box component="section" aria-label="Actions">
        <Typography variant="h6" component="h2" gutterBottom>
          Actions
        </Typography>
        {actions.isPending && <Skeleton variant="rectangular" height={160} aria-label="Loading the actions" />}
        {actions.error && <Alert severity="error">{errorMessage(actions.error)}</Alert>}
        {actions.data?.length === 0 && <Typography color="text.secondary">No runbook action is installed on this server.</Typography>}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))' } }}>
          {actions.data?.map((action) => <ActionCard key={action.name} action={action} />)}
        </Box>
      </Box>
      <RecentRunsSection />
    </ConsolePage>
  );
}

function ActionCard({ action }: { action: RunbookActionInfo }) {
  return (
    <Card variant="outlined" component="article" aria-label={action.title} sx={{ display: 'flex', flexDirection: 'column' }}>
      <CardActionArea component={RouterLink} to={`/runbooks/${encodeURIComponent(action.name)}/show`} sx={{ flexGrow: 1, alignItems: 'flex-start' }}>
        <CardContent>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap mb={1}>
            <Typography variant="subtitle1" component="h3" fontWeight={600}>
              {action.title}
            </Typography>
            {action.readOnly ? <Chip size="small" label="Read-only" /> : <Chip size="small" label={RISK_LABELS[action.risk]} color={action.risk === 'low' ? 'default' : 'warning'} variant="outlined" />}
          </Stack>
          <Typography variant="body2">{action.summary}</Typography>
        </CardContent>
      </CardActionArea>
      {/* Outside the card's link: a button inside a link is neither valid nor reachable by keyboard. */}
      <CardActions sx={{ px: 2, pt: 0 }}>
        <RunbookEntryLink anchor={action.runbookEntry} />
      </CardActions>
    </Card>
  );
}

function ActiveChangesSection() {
  const changes = useTemporaryChanges();
  return (
    <Box component="section" aria-label="Temporary changes">
      <Typography variant="h6" component="h2" gutterBottom>
        Active temporary changes
      </Typography>
      {changes.isPending && <Skeleton variant="rectangular" height={48} aria-label="Loading temporary changes" />}
      {changes.error && <Alert severity="error">{errorMessage(changes.error)}</Alert>}
      {changes.data && <TemporaryChangesList changes={changes.data} emptyText="No temporary change is in place." />}
    </Box>
  );
}

function RecentRunsSection() {
  const runs = useRuns({ limit: 10 });
  const navigate = useNavigate();
  return (
    <Box component="section" aria-label="Recent runs">
      <Typography variant="h6" component="h2" gutterBottom>
        Recent runs
      </Typography>
      {runs.isPending && <Skeleton variant="rectangular" height={80} aria-label="Loading the runs" />}
      {runs.error && <Alert severity="error">{errorMessage(runs.error)}</Alert>}
      {runs.data?.length === 0 && <Typography color="text.secondary">Nothing has run yet.</Typography>}
      {runs.data && runs.data.length > 0 && <RunHistory runs={runs.data} showTitle onSelect={(run) => navigate(`/runbooks/${encodeURIComponent(run.action)}/show?run=${run.id}`)} />}
    </Box>
  );
}

import { Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { formatBurnRate } from '@opsdesk/shared';
import { Link as RouterLink } from 'react-router-dom';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { formatTime } from '../../app/formatDateTime';
import { burnSummaryText, sloTitle, worstFirst } from './sloText';
import { useActiveAlerts, useSlos } from './useSlos';

/** On-call's cards: where each SLO's budget stands (worst first), and what fires now. */
function SloBurnCard() {
  const slos = useSlos();
  const list = worstFirst(slos.data ?? []);
  return (
    <HomeCard
      title="SLO burn"
      action={<HomeCardLink to="/slos">Open SLOs</HomeCardLink>}
    >
      <HomeCardState isPending={slos.isPending} error={slos.error} empty={list.length === 0} emptyText="No SLO is defined yet.">
        <List dense disablePadding aria-label="SLOs, least budget first">
          {list.slice(0, 6).map((slo) => (
            <ListItem key={slo.id} disableGutters>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={`/slos/${slo.id}/show`}>
                    {sloTitle(slo)}
                  </Link>
                }
                secondary={burnSummaryText(slo)}
              />
            </ListItem>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

function ActiveAlertsCard() {
  const active = useActiveAlerts();
  const alerts = active.data ?? [];
  const newest = [...alerts].sort((a, b) => Date.parse(b.firingSince) - Date.parse(a.firingSince))[0];
  return (
    <HomeCard
      title="Active alerts"
      action={<HomeCardLink to="/slo-alerts">Open Alerts</HomeCardLink>}
    >
      <HomeCardState isPending={active.isPending} error={active.error} empty={alerts.length === 0} emptyText="No alert is firing.">
        <Typography variant="h4" component="p">
          {alerts.length}
        </Typography>
        <Typography color="text.secondary">{alerts.length === 1 ? 'alert firing.' : 'alerts firing.'}</Typography>
        {newest && (
          <Typography mt={1}>
            Newest: {newest.service} / {newest.sloName}, {newest.rule} ({newest.severity}) since {formatTime(newest.firingSince)}, burning {formatBurnRate(newest.longBurnRate)}.
          </Typography>
        )}
      </HomeCardState>
    </HomeCard>
  );
}

export const sloHomeCards: HomeCardDefinition[] = [
  { id: 'slo-active-alerts', permission: 'slo.read', leadsFor: ['oncall'], order: 30, Card: ActiveAlertsCard },
  { id: 'slo-burn', permission: 'slo.read', leadsFor: ['oncall'], order: 31, Card: SloBurnCard },
];

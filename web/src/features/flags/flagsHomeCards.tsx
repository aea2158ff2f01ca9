import { Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useGetIdentity } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { flagHref } from './flagLinks';
import { formatDateTime, scheduledStateText } from './flagText';
import { useFlagSchedules } from './useFlagActivity';
import { useStaleFlags } from './useFlags';

/** Flag editors' cards: what is stale (and how much of it is theirs), and what is about to change. One query each. */
function StaleFlagsCard() {
  const stale = useStaleFlags(false);
  const identity = useGetIdentity();
  const flags = stale.data ?? [];
  const mine = identity.data ? flags.filter((flag) => flag.ownerId === String(identity.data.id)).length : 0;
  return (
    <HomeCard
      title="Stale flags"
      action={<HomeCardLink to="/flags?stale=true">Open stale flags</HomeCardLink>}
    >
      <HomeCardState isPending={stale.isPending} error={stale.error} empty={flags.length === 0} emptyText="No flag is stale.">
        <Typography variant="h4" component="p">
          {flags.length}
        </Typography>
        <Typography color="text.secondary">{flags.length === 1 ? 'flag has not changed for longer than its type allows.' : 'flags have not changed for longer than their type allows.'}</Typography>
        <Typography mt={1}>
          {mine === 0 ? (
            'None of them is yours.'
          ) : (
            <Link component={RouterLink} to="/flags?stale=true&mine=true">
              {mine} {mine === 1 ? 'is' : 'are'} yours
            </Link>
          )}
        </Typography>
      </HomeCardState>
    </HomeCard>
  );
}

function ScheduledFlagChangesCard() {
  const schedules = useFlagSchedules({ status: 'pending', limit: 5 });
  const list = schedules.data ?? [];
  return (
    <HomeCard
      title="Scheduled flag changes"
      action={<HomeCardLink to="/flags">Open flags</HomeCardLink>}
    >
      <HomeCardState isPending={schedules.isPending} error={schedules.error} empty={list.length === 0} emptyText="No flag change is scheduled.">
        <List dense disablePadding aria-label="Next scheduled flag changes">
          {list.map((schedule) => (
            <ListItem key={schedule.id} disableGutters>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={flagHref(schedule.key)} sx={{ overflowWrap: 'anywhere' }}>
                    {schedule.key}
                  </Link>
                }
                secondary={`${formatDateTime(schedule.runAt)} · ${schedule.environment}: ${scheduledStateText(schedule)}`}
              />
            </ListItem>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

export const flagsHomeCards: HomeCardDefinition[] = [
  { id: 'flags-stale', permission: 'flags.edit', order: 40, Card: StaleFlagsCard },
  { id: 'flags-scheduled', permission: 'flags.edit', order: 41, Card: ScheduledFlagChangesCard },
];

import { Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { TPrivacyDeadlineCounts, TPrivacyDeadlineView } from '@opsdesk/shared';
import { Link as RouterLink } from 'react-router-dom';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { DueText } from './PrivacyStatusChip';
import { KIND_LABELS, requestHref, subjectText } from './privacyText';
import { usePrivacyDeadlines, usePrivacyRequestsSnapshot } from './usePrivacy';

/** How many of a view's requests a card names: the soonest due, as the view lists them. */
const NAMED = 3;

/**
 * The privacy team's cards: what is due this week, overdue and on hold (one `deadlines`
 * query shared by the three for the counts), each naming its soonest-due requests —
 * subject, kind, due date — so the officer opens the one to answer first without going
 * through the list — and opening its view.
 */
function deadlineCard(title: string, view: TPrivacyDeadlineView, count: keyof TPrivacyDeadlineCounts, sentence: (n: number) => string, emptyText: string) {
  return function PrivacyDeadlineCard() {
    const deadlines = usePrivacyDeadlines();
    const n = deadlines.data?.[count] ?? 0;
    const soonest = usePrivacyRequestsSnapshot({ view, limit: NAMED }, n > 0);
    return (
      <HomeCard
        title={title}
        action={<HomeCardLink to={`/privacy?view=${view}`}>Open the view</HomeCardLink>}
      >
        <HomeCardState isPending={deadlines.isPending} error={deadlines.error} empty={n === 0} emptyText={emptyText}>
          <Typography variant="h4" component="p" color={view === 'overdue' ? 'error' : undefined}>
            {n}
          </Typography>
          <Typography color="text.secondary">{sentence(n)}</Typography>
          {soonest.data && (
            <List dense disablePadding aria-label={`${title}, soonest due`}>
              {soonest.data.items.map((request) => (
                <ListItem key={request.id} disableGutters>
                  <ListItemText
                    primary={
                      <Link component={RouterLink} to={requestHref(request.id)} sx={{ overflowWrap: 'anywhere' }}>
                        {subjectText(request)}
                      </Link>
                    }
                    secondary={
                      <>
                        {KIND_LABELS[request.kind]} · due <DueText request={request} />
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          )}
        </HomeCardState>
      </HomeCard>
    );
  };
}

const requests = (n: number) => (n === 1 ? 'request' : 'requests');

export const privacyHomeCards: HomeCardDefinition[] = [
  {
    id: 'privacy-due-this-week',
    permission: 'privacy.read',
    leadsFor: ['privacy'],
    order: 30,
    Card: deadlineCard('Privacy requests due this week', 'due_this_week', 'dueThisWeek', (n) => `${requests(n)} to answer in the next 7 days.`, 'No privacy request is due this week.'),
  },
  {
    id: 'privacy-overdue',
    permission: 'privacy.read',
    leadsFor: ['privacy'],
    order: 31,
    Card: deadlineCard('Overdue privacy requests', 'overdue', 'overdue', (n) => `${requests(n)} past the legal deadline.`, 'No privacy request is overdue.'),
  },
  {
    id: 'privacy-on-hold',
    permission: 'privacy.read',
    leadsFor: ['privacy'],
    order: 32,
    Card: deadlineCard('Privacy requests on hold', 'on_hold', 'onHold', (n) => `${requests(n)} under a legal hold.`, 'No privacy request is on hold.'),
  },
];

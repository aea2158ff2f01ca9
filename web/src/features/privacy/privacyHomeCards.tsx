import { Typography } from '@mui/material';
import type { TPrivacyDeadlineCounts, TPrivacyDeadlineView } from '@opsdesk/shared';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { usePrivacyDeadlines } from './usePrivacy';

/** The privacy team's cards: what is due this week, overdue and on hold (one `deadlines` query shared by the three), each opening its view. */
function deadlineCard(title: string, view: TPrivacyDeadlineView, count: keyof TPrivacyDeadlineCounts, sentence: (n: number) => string, emptyText: string) {
  return function PrivacyDeadlineCard() {
    const deadlines = usePrivacyDeadlines();
    const n = deadlines.data?.[count] ?? 0;
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

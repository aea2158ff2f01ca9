import { List, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { formatDate, formatDateTime } from '../../app/formatDateTime';
import { HomeCard, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { ListItemLink } from '../../app/ListItemLink';
import { trpc } from '../../app/trpcClient';

/** Long unbroken text (an address, a pasted URL) breaks inside the card rather than widening it. */
const WRAPPING = { overflowWrap: 'anywhere' } as const;
/** A note's first lines: the whole note is on the customer's page. */
const CLAMPED = { ...WRAPPING, display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden', whiteSpace: 'pre-line' } as const;

/** Customers one click from their pages: name (or email), then the email and what the card says of them. */
function CustomerLinks({ rows }: { rows: { userId: string; name: string | null; email: string; detail: string }[] }) {
  return (
    <List dense disablePadding>
      {rows.map((row) => (
        <ListItemLink key={row.userId} to={`/customers/${row.userId}/show`} sx={{ px: 0 }}>
          <ListItemText primary={row.name || row.email} secondary={`${row.email} · ${row.detail}`} slotProps={{ primary: { sx: WRAPPING }, secondary: { sx: WRAPPING } }} />
        </ListItemLink>
      ))}
    </List>
  );
}

/**
 * The customers this staff member opened last, one click from their pages again. Read
 * afresh each time the home page shows (staleTime 0): the page just left is the one
 * most likely to be wanted back.
 */
function RecentlyViewedCard() {
  const recent = useQuery({ ...trpc.customers.recent.queryOptions({ limit: 5 }), staleTime: 0 });
  const rows = recent.data ?? [];
  return (
    <HomeCard title="Recently viewed">
      <HomeCardState isPending={recent.isPending} error={recent.error} empty={rows.length === 0} emptyText="The customers you open appear here, last opened first.">
        <CustomerLinks rows={rows.map((row) => ({ ...row, detail: `viewed ${formatDateTime(row.viewedAt)}` }))} />
      </HomeCardState>
    </HomeCard>
  );
}

/** What the team wrote down last: each note with the customer it is on, its author and when. */
function LatestNotesCard() {
  const latest = useQuery({ ...trpc.customers.latestNotes.queryOptions({ limit: 5 }), staleTime: 0 });
  const notes = latest.data ?? [];
  return (
    <HomeCard title="Latest notes">
      <HomeCardState isPending={latest.isPending} error={latest.error} empty={notes.length === 0} emptyText="No one has written a note on a customer yet.">
        <List dense disablePadding>
          {notes.map((note) => (
            <ListItemLink key={note.id} to={`/customers/${note.customer.userId}/show`} sx={{ px: 0, display: 'block' }}>
              <ListItemText
                primary={note.customer.name || note.customer.email}
                secondary={`${note.mine ? 'You' : note.author.email} · ${formatDateTime(note.createdAt)}${note.pinned ? ' · pinned' : ''}`}
                slotProps={{ primary: { sx: WRAPPING }, secondary: { sx: WRAPPING } }}
              />
              <Typography variant="body2" sx={CLAMPED}>
                {note.body}
              </Typography>
            </ListItemLink>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

/** The newest sign-ups, one click from their pages. */
function NewestCustomersCard() {
  const newest = useQuery(trpc.lookup.list.queryOptions({ filter: {}, sort: 'signup_desc', limit: 5 }));
  const rows = newest.data?.rows ?? [];
  return (
    <HomeCard title="Newest customers">
      <HomeCardState isPending={newest.isPending} error={newest.error} empty={rows.length === 0} emptyText="No customer has signed up yet.">
        <CustomerLinks rows={rows.map((row) => ({ ...row, detail: `signed up ${formatDate(row.signupAt)}` }))} />
      </HomeCardState>
    </HomeCard>
  );
}

export const customersHomeCards: HomeCardDefinition[] = [
  { id: 'customers-recent', permission: 'customers.read', leadsFor: ['support'], order: 25, Card: RecentlyViewedCard },
  { id: 'customers-latest-notes', permission: 'customers.notes', leadsFor: ['support'], order: 26, Card: LatestNotesCard },
  { id: 'customers-newest', permission: 'customers.read', order: 30, Card: NewestCustomersCard },
];

import { List, ListItemButton, ListItemText } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import { HomeCard, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { trpc } from '../../app/trpcClient';
import { formatDate } from './money';

/**
 * The newest sign-ups, one click from their pages. (The server keeps no "recently
 * viewed" list yet; when it does, this card shows that instead.)
 */
function NewestCustomersCard() {
  const newest = useQuery(trpc.lookup.list.queryOptions({ filter: {}, sort: 'signup_desc', limit: 5 }));
  const rows = newest.data?.rows ?? [];
  return (
    <HomeCard title="Newest customers">
      <HomeCardState isPending={newest.isPending} error={newest.error} empty={rows.length === 0} emptyText="No customer has signed up yet.">
        <List dense disablePadding>
          {rows.map((row) => (
            <ListItemButton key={row.userId} component={RouterLink} to={`/customers/${row.userId}/show`} sx={{ px: 0 }}>
              <ListItemText primary={row.name || row.email} secondary={`${row.email} · signed up ${formatDate(row.signupAt)}`} />
            </ListItemButton>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

export const customersHomeCards: HomeCardDefinition[] = [{ id: 'customers-newest', permission: 'customers.read', order: 30, Card: NewestCustomersCard }];

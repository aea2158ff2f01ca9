import type { Role } from '@opsdesk/shared';
import { Grid, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity } from 'react-admin';
import { homeCardsFor } from './homeCardOrder';
import { homeCards } from './homeCards';
import { roleListText } from './roleWords';

/** Where each staff member starts the day: a greeting and the cards of the features they use. */
export default function HomePage() {
  const { identity, isPending } = useGetIdentity();
  const roles = (identity?.roles as Role[] | undefined) ?? [];
  const cards = homeCardsFor(roles, homeCards);
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Opsdesk" />
      <div>
        <Typography variant="h5" component="h1" gutterBottom>
          {isPending ? 'Welcome' : `Welcome, ${identity?.fullName ?? 'staff member'}`}
        </Typography>
        {roles.length > 0 && <Typography color="text.secondary">Your roles: {roleListText(roles)}.</Typography>}
      </div>
      {!isPending && cards.length === 0 && <Typography>Nothing to show here yet: the menu lists the tools you can use.</Typography>}
      <Grid container spacing={2}>
        {cards.map(({ id, Card }) => (
          <Grid key={id} size={{ xs: 12, md: 6, lg: 4 }}>
            <Card />
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}

import { ROLE_LABELS } from '@opsdesk/shared';
import { Card, CardContent, Typography } from '@mui/material';
import { Title, useGetIdentity } from 'react-admin';

/** Landing page: who is signed in and with which roles; the menu lists what they can use. */
export default function HomePage() {
  const { identity, isPending } = useGetIdentity();
  const roles = (identity?.roles as (keyof typeof ROLE_LABELS)[] | undefined) ?? [];
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Opsdesk" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {isPending ? 'Welcome' : `Welcome, ${identity?.fullName ?? 'staff member'}`}
        </Typography>
        <Typography>
          {roles.length ? `Your roles: ${roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')}.` : null} The menu shows the tools you
          can use.
        </Typography>
      </CardContent>
    </Card>
  );
}

import { Alert, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { errorMessage } from './trpcErrors';

/**
 * One home page card: a titled region that shows skeleton lines while its data loads,
 * the server's message if loading failed, a sentence when there is nothing to show, and
 * its content otherwise. Every card looks and behaves the same whatever feature made it.
 */
export function HomeCard({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title} variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
        {action && <Stack direction="row" mt={2}>{action}</Stack>}
      </CardContent>
    </Card>
  );
}

/** The usual card action: a small outlined button to the page the card summarises. */
export function HomeCardLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Button component={RouterLink} to={to} variant="outlined" size="small">
      {children}
    </Button>
  );
}

export function HomeCardState({ isPending, error, empty, emptyText, children }: { isPending: boolean; error: unknown; empty: boolean; emptyText: string; children: ReactNode }) {
  if (isPending) {
    return (
      <Stack spacing={1} role="status" aria-label="Loading">
        <Skeleton variant="text" width="80%" />
        <Skeleton variant="text" width="60%" />
        <Skeleton variant="text" width="70%" />
      </Stack>
    );
  }
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  if (empty) return <Typography color="text.secondary">{emptyText}</Typography>;
  return <>{children}</>;
}

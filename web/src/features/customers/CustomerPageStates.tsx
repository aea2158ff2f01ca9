import { Alert, AlertTitle, Button, Grid, Skeleton, Stack } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useShowContext } from 'react-admin';

/**
 * What the customer page shows when it has no customer to show: skeletons while it loads
 * (a slow `customers.get` never leaves a blank page), and a distinct, plain statement for
 * a missing customer, a missing permission and a failure (with the server's message,
 * which carries the request id, and a retry). The page stays put instead of bouncing.
 */
export function CustomerPageSkeleton() {
  return (
    <Stack spacing={2} role="status" aria-label="Loading the customer">
      <Skeleton variant="text" width={320} height={40} />
      {/* The page's own columns (CustomerShow: two from xl), so nothing jumps sideways when it arrives. */}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, xl: 8 }}>
          <Stack spacing={2}>
            <Skeleton variant="rounded" height={160} />
            <Skeleton variant="rounded" height={220} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, xl: 4 }}>
          <Skeleton variant="rounded" height={320} />
        </Grid>
      </Grid>
    </Stack>
  );
}

export function CustomerLoadError() {
  const { error, refetch } = useShowContext();
  const status = (error as { status?: number } | null)?.status;
  if (status === 404) {
    return (
      <Alert severity="warning" action={<BackToList />}>
        <AlertTitle>No such customer</AlertTitle>
        No customer has this id. It may have been mistyped, or the account erased.
      </Alert>
    );
  }
  if (status === 403) {
    return (
      <Alert severity="warning" action={<BackToList />}>
        <AlertTitle>Not available to you</AlertTitle>
        Your roles do not allow you to see customer pages. An admin can change your roles.
      </Alert>
    );
  }
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={() => void refetch()}>
          Retry
        </Button>
      }
    >
      <AlertTitle>This customer could not be loaded</AlertTitle>
      {(error as Error | null)?.message || 'The server did not answer.'}
    </Alert>
  );
}

function BackToList() {
  return (
    <Button color="inherit" size="small" component={RouterLink} to="/customers">
      Customer list
    </Button>
  );
}

import { Button, Stack, Toolbar, Typography } from '@mui/material';
import { useListContext } from 'react-admin';

/**
 * Previous / next over keyset pages, and "about N customers" from the planner's
 * estimate. Never a page count: that would need the COUNT(*) the server refuses to run.
 */
export function CustomerListPagination() {
  const { page, setPage, hasNextPage, hasPreviousPage, meta, isPending, data } = useListContext();
  const estimatedTotal = (meta as { estimatedTotal?: number } | undefined)?.estimatedTotal;
  return (
    <Toolbar variant="dense" sx={{ justifyContent: 'space-between' }}>
      <Typography variant="body2" color="text.secondary" role="status">
        {estimatedTotal === undefined ? '' : `About ${estimatedTotal.toLocaleString('en-US')} customers`}
        {data?.length ? ` · page ${page}` : ''}
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button size="small" disabled={isPending || !hasPreviousPage} onClick={() => setPage(page - 1)}>
          Previous
        </Button>
        <Button size="small" disabled={isPending || !hasNextPage} onClick={() => setPage(page + 1)}>
          Next
        </Button>
      </Stack>
    </Toolbar>
  );
}

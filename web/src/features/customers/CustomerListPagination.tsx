import { Button, Stack, Toolbar, Typography } from '@mui/material';
import { useListContext } from 'react-admin';

/**
 * Previous / next over keyset pages, and "about N customers" from the planner's
 * estimate. Never a page count: that would need the COUNT(*) the server refuses to run.
 */
export function CustomerListPagination() {
  const { page, perPage, setPage, hasNextPage, hasPreviousPage, meta, isPending, data } = useListContext();
  const estimatedTotal = (meta as { estimatedTotal?: number } | undefined)?.estimatedTotal;
  return (
    <Toolbar variant="dense" sx={{ justifyContent: 'space-between' }}>
      <Typography variant="body2" color="text.secondary" role="status">
        {countLabel({ page, perPage, shown: data?.length ?? 0, hasNextPage: Boolean(hasNextPage), estimatedTotal })}
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

/**
 * On the last page the count is exact without counting; elsewhere the planner's estimate,
 * never below what the pages already prove. Nothing when nothing matches (the list says so).
 */
function countLabel({ page, perPage, shown, hasNextPage, estimatedTotal }: { page: number; perPage: number; shown: number; hasNextPage: boolean; estimatedTotal: number | undefined }): string {
  if (shown === 0) return '';
  const customers = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'customer' : 'customers'}`;
  if (!hasNextPage) return `${customers((page - 1) * perPage + shown)} · page ${page}`;
  if (estimatedTotal === undefined) return `Page ${page}`;
  return `About ${customers(Math.max(estimatedTotal, page * perPage + 1))} · page ${page}`;
}

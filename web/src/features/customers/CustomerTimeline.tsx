import type { TTimelineItem } from '@opsdesk/shared';
import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { formatDateTime } from '../../app/formatDateTime';
import { Empty, Section } from './Section';
import { useCustomerTimeline } from './useCustomerTimeline';

const SOURCE_COLORS = { billing: 'primary', account: 'warning', staff: 'secondary' } as const;

/** Billing events, account changes and staff actions in one list, newest first, with "Load more". */
export function CustomerTimeline({ userId }: { userId: string }) {
  const timeline = useCustomerTimeline(userId);
  const items: TTimelineItem[] = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title="Timeline">
      {timeline.isPending && <Typography role="status">Loading the timeline…</Typography>}
      {timeline.error && <Alert severity="error">{errorMessage(timeline.error)}</Alert>}
      {!timeline.isPending && items.length === 0 && <Empty>Nothing happened yet.</Empty>}
      <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Timeline">
        {items.map((item) => (
          <Stack component="li" key={item.id} direction="row" spacing={1} alignItems="baseline">
            <Typography variant="caption" color="text.secondary" sx={{ minWidth: 130, flexShrink: 0 }}>
              {formatDateTime(item.at)}
            </Typography>
            <Chip size="small" variant="outlined" color={SOURCE_COLORS[item.source]} label={item.source} />
            <Typography variant="body2" sx={{ wordBreak: 'break-word', minWidth: 0 }}>
              {item.summary}
              {item.actor && (
                <Typography component="span" variant="caption" color="text.secondary">
                  {' '}
                  — {item.actor}
                </Typography>
              )}
            </Typography>
          </Stack>
        ))}
      </Stack>
      {timeline.hasNextPage && (
        <Button size="small" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage} sx={{ mt: 1 }}>
          {timeline.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </Section>
  );
}

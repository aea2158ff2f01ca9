import type { TTimelineItem, TTimelineSource } from '@opsdesk/shared';
import { Alert, Box, Button, Chip, Stack, ToggleButton, ToggleButtonGroup, Typography, type Theme } from '@mui/material';
import { useStore } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { formatDateTime } from '../../app/formatDateTime';
import { accentColour } from '../../app/theme';
import { Empty, Section } from './Section';
import { TIMELINE_VIEWS, useCustomerTimeline, type TimelineView } from './useCustomerTimeline';

/** Three hues a glance tells apart: staff's own (the accent), not a second blue beside billing's. */
const sourceChipColour = (theme: Theme, source: TTimelineSource) => {
  const colour = { billing: theme.palette.primary.main, account: theme.palette.warning.main, staff: accentColour(theme) }[source];
  return { color: colour, borderColor: colour };
};

const EMPTY: Record<TimelineView, string> = {
  all: 'Nothing happened yet.',
  staff: 'No staff action on this customer yet.',
  billing: 'No billing event yet.',
};

/**
 * Billing events, account changes and staff actions in one list, newest first, with "Load
 * more"; a note's entry quotes its words. A paying customer's billing events (five for
 * every invoice) bury the few things staff did; the switch shows those alone, or the
 * billing alone. Remembered in this browser.
 */
export function CustomerTimeline({ userId }: { userId: string }) {
  const [view, setView] = useStore<TimelineView>('customers.timeline.view', 'all');
  const shown: TimelineView = Object.hasOwn(TIMELINE_VIEWS, view) ? view : 'all';
  const timeline = useCustomerTimeline(userId, shown);
  const items: TTimelineItem[] = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title="Timeline">
      <ToggleButtonGroup size="small" exclusive value={shown} onChange={(_event, next: TimelineView | null) => next && setView(next)} aria-label="Show on the timeline" sx={{ mb: 1.5, flexWrap: 'wrap' }}>
        {(Object.keys(TIMELINE_VIEWS) as TimelineView[]).map((key) => (
          <ToggleButton key={key} value={key} sx={{ textTransform: 'none', py: 0.25 }}>
            {TIMELINE_VIEWS[key].label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {timeline.isPending && <Typography role="status">Loading the timeline…</Typography>}
      {timeline.error && <Alert severity="error">{errorMessage(timeline.error)}</Alert>}
      {!timeline.isPending && items.length === 0 && <Empty>{EMPTY[shown]}</Empty>}
      <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Timeline">
        {items.map((item) => (
          <Stack component="li" key={item.id} direction="row" spacing={1} alignItems="baseline">
            <Typography variant="caption" color="text.secondary" sx={{ minWidth: 130, flexShrink: 0 }}>
              {formatDateTime(item.at)}
            </Typography>
            <Chip size="small" variant="outlined" sx={(theme) => sourceChipColour(theme, item.source)} label={item.source} />
            <Box sx={{ minWidth: 0 }}>
              {/* The summary names who acted ("ada@…: Customer credited"): no second "— ada@…" after it. */}
              <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                {item.summary}
              </Typography>
              {item.detail && (
                <Typography component="blockquote" variant="body2" color="text.secondary" sx={{ m: 0, mt: 0.25, pl: 1, borderLeft: 2, borderColor: 'divider', whiteSpace: 'pre-line', wordBreak: 'break-word' }}>
                  {item.detail}
                </Typography>
              )}
            </Box>
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

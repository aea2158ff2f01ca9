import { Alert, Box, Button, Divider, Skeleton, Stack, Typography } from '@mui/material';
import type { TFlagHistoryEntry } from '@opsdesk/shared/flags/flagsApi.schemas';
import { RecordContextProvider } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { AuditDiff } from '../audit/AuditDiff';
import { SectionCard } from '../../app/SectionCard';
import { formatDateTime, historyActionText, readableSnapshot } from './flagText';
import { useFlagHistory } from './useFlagActivity';
import { useOwnerOptions } from './useOwnerOptions';

/** Every audited change of the flag, newest first, each with its diff (the audit log's own diff view). */
export function FlagHistoryCard({ flagKey }: { flagKey: string }) {
  const history = useFlagHistory(flagKey);
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  const ownerNames = new Map(useOwnerOptions().options.map((owner) => [owner.id, owner.name]));
  return (
    <SectionCard title="History">
      {history.isPending && <Skeleton variant="rounded" height={120} role="status" aria-label="Loading the history" />}
      {history.error && <Alert severity="error">{errorMessage(history.error)}</Alert>}
      {history.data && entries.length === 0 && <Typography color="text.secondary">No change is recorded for this flag.</Typography>}
      <Stack divider={<Divider flexItem />} spacing={2}>
        {entries.map((entry) => (
          <HistoryEntry key={entry.id} entry={entry} ownerNames={ownerNames} />
        ))}
      </Stack>
      {history.hasNextPage && (
        <Button sx={{ mt: 2 }} onClick={() => history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </SectionCard>
  );
}

/** The entry as the server serialises it (JSON drops an undefined before/after). */
type HistoryEntryView = Omit<TFlagHistoryEntry, 'before' | 'after'> & { before?: unknown; after?: unknown };

function HistoryEntry({ entry, ownerNames }: { entry: HistoryEntryView; ownerNames: ReadonlyMap<string, string> }) {
  const title = historyActionText(entry.action, entry.environment);
  return (
    <Box component="article" aria-label={`${title}, ${formatDateTime(entry.at)}`} sx={{ minWidth: 0 }}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }} gutterBottom>
        {formatDateTime(entry.at)} · by {entry.actor ? `${entry.actor.name} (${entry.actor.email})` : 'the system'}
        {entry.approver && ` · Approved by ${entry.approver.name} (${entry.approver.email})`}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <RecordContextProvider value={{ id: entry.id, before: readableSnapshot(entry.before, ownerNames), after: readableSnapshot(entry.after, ownerNames) }}>
          <AuditDiff />
        </RecordContextProvider>
      </Box>
    </Box>
  );
}

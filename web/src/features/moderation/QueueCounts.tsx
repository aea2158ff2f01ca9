import { Chip, Stack, Typography } from '@mui/material';
import { MODERATION_PRIORITY_BUCKETS, type TModerationPriorityBucket } from '@opsdesk/shared';
import { BUCKET_COLORS, BUCKET_LABELS, groupLabel } from './moderationText';

export type QueueCountRow = { reasonGroup: string; bucket: TModerationPriorityBucket; entries: number };

export function bucketTotals(counts: readonly QueueCountRow[]): Record<TModerationPriorityBucket, number> {
  const totals = { urgent: 0, high: 0, normal: 0, low: 0 };
  for (const row of counts) totals[row.bucket] += row.entries;
  return totals;
}

export function groupTotals(counts: readonly QueueCountRow[]): { group: string; entries: number }[] {
  const totals = new Map<string, number>();
  for (const row of counts) totals.set(row.reasonGroup, (totals.get(row.reasonGroup) ?? 0) + row.entries);
  return [...totals].map(([group, entries]) => ({ group, entries })).sort((a, b) => b.entries - a.entries);
}

/**
 * Live items (waiting or held) per priority bucket, and per reason group as chips that
 * open that group's queue. The server keeps these counters; nothing is counted here.
 */
export function QueueCounts({ counts, reasonGroup, onGroup }: { counts: readonly QueueCountRow[]; reasonGroup: string; onGroup: (group: string) => void }) {
  const buckets = bucketTotals(counts);
  const groups = groupTotals(counts);
  return (
    <Stack spacing={1} component="section" aria-label="Queue sizes">
      <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} aria-label="Live items per priority">
        {MODERATION_PRIORITY_BUCKETS.map((bucket) => (
          <Chip key={bucket} color={BUCKET_COLORS[bucket]} variant={buckets[bucket] ? 'filled' : 'outlined'} label={`${BUCKET_LABELS[bucket]}: ${buckets[bucket]}`} />
        ))}
      </Stack>
      {groups.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No reported item is waiting.
        </Typography>
      ) : (
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} aria-label="Live items per reason group">
          <Chip label="All groups" variant={reasonGroup ? 'outlined' : 'filled'} onClick={() => onGroup('')} />
          {groups.map(({ group, entries }) => (
            <Chip key={group} label={`${groupLabel(group)}: ${entries}`} variant={reasonGroup === group ? 'filled' : 'outlined'} color={reasonGroup === group ? 'primary' : 'default'} onClick={() => onGroup(group)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

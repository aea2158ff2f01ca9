import { Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { MODERATION_PRIORITY_BUCKETS } from '@opsdesk/shared';
import { useGetIdentity } from 'react-admin';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { ListItemLink } from '../../app/ListItemLink';
import { bucketTotals } from './QueueCounts';
import { BUCKET_COLORS, BUCKET_LABELS, leaseClock } from './moderationText';
import { itemHref } from './useNextItem';
import { precisionText } from './ruleText';
import { useRules } from './useRules';
import { useAppealsForMe } from './useAppeals';
import { useQueueSnapshot } from './useModeration';

/** Moderators' cards: live queue sizes by priority (the server's counters), and the items they hold now. */
function QueueSizesCard() {
  const queue = useQueueSnapshot({ status: 'open', limit: 1 });
  const totals = bucketTotals(queue.data?.counts ?? []);
  const total = MODERATION_PRIORITY_BUCKETS.reduce((sum, bucket) => sum + totals[bucket], 0);
  return (
    <HomeCard
      title="Moderation queue"
      action={<HomeCardLink to="/moderation">Open the queue</HomeCardLink>}
    >
      <HomeCardState isPending={queue.isPending} error={queue.error} empty={total === 0} emptyText="No reported item is waiting.">
        <Typography variant="h4" component="p">
          {total}
        </Typography>
        <Typography color="text.secondary" mb={1}>
          {total === 1 ? 'item waiting or held.' : 'items waiting or held.'}
        </Typography>
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} aria-label="Items per priority">
          {MODERATION_PRIORITY_BUCKETS.map((bucket) => (
            <Chip key={bucket} size="small" color={BUCKET_COLORS[bucket]} variant={totals[bucket] ? 'filled' : 'outlined'} label={`${BUCKET_LABELS[bucket]}: ${totals[bucket]}`} />
          ))}
        </Stack>
      </HomeCardState>
    </HomeCard>
  );
}

function MyClaimsCard() {
  const identity = useGetIdentity();
  const claimed = useQueueSnapshot({ status: 'claimed', limit: 100 });
  const mine = (claimed.data?.items ?? []).filter((item) => item.claimedBy === String(identity.data?.id ?? ''));
  return (
    <HomeCard title="My claimed items">
      <HomeCardState isPending={claimed.isPending || identity.isPending} error={claimed.error} empty={mine.length === 0} emptyText="You hold no item. Next item on the queue claims one.">
        <List dense disablePadding>
          {mine.map((item) => (
            <ListItemLink key={item.id} to={itemHref(item.id)} sx={{ px: 0 }}>
              <ListItemText primary={item.title || item.excerpt || `Item ${item.id}`} secondary={`${BUCKET_LABELS[item.bucket]} · lease ${item.leaseExpiresAt ? leaseClock((Date.parse(item.leaseExpiresAt) - Date.now()) / 1000) : 'expired'}`} primaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }} />
            </ListItemLink>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

function AppealsForMeCard() {
  const appeals = useAppealsForMe();
  const items = appeals.data?.items ?? [];
  const more = Boolean(appeals.data?.nextCursor);
  return (
    <HomeCard
      title="Appeals waiting for me"
      action={<HomeCardLink to="/moderation-appeals?forMe=true">Open appeals</HomeCardLink>}
    >
      <HomeCardState isPending={appeals.isPending} error={appeals.error} empty={items.length === 0} emptyText="No appeal waits for you.">
        <Typography variant="h4" component="p">
          {items.length}
          {more ? '+' : ''}
        </Typography>
        <Typography color="text.secondary">{items.length === 1 && !more ? 'appeal on a decision someone else took.' : 'appeals on decisions someone else took.'}</Typography>
      </HomeCardState>
    </HomeCard>
  );
}

/**
 * Rules being tried in shadow mode: what each would have done and how often moderators
 * agreed, so whoever tunes them sees when one has earned going live (or needs changing).
 */
function ShadowRulesCard() {
  const rules = useRules();
  const shadow = (rules.data?.rules ?? []).filter((rule) => rule.enabled && rule.mode === 'shadow');
  return (
    <HomeCard title="Rules in shadow mode" action={<HomeCardLink to="/moderation-rules">Open the rules</HomeCardLink>}>
      <HomeCardState isPending={rules.isPending} error={rules.error} empty={shadow.length === 0} emptyText="No rule is being tried in shadow mode.">
        <List dense disablePadding aria-label="Rules in shadow mode">
          {shadow.map((rule) => (
            <ListItem key={rule.id} disableGutters>
              <ListItemText
                primary={rule.name}
                secondary={`Would have acted ${rule.stats.wouldHaveActed} ${rule.stats.wouldHaveActed === 1 ? 'time' : 'times'} · ${precisionText(rule.stats.precision)}`}
                primaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }}
              />
            </ListItem>
          ))}
        </List>
      </HomeCardState>
    </HomeCard>
  );
}

export const moderationHomeCards: HomeCardDefinition[] = [
  { id: 'moderation-queue', permission: 'moderation.read', leadsFor: ['moderator'], order: 20, Card: QueueSizesCard },
  { id: 'moderation-my-claims', permission: 'moderation.decide', leadsFor: ['moderator'], order: 21, Card: MyClaimsCard },
  { id: 'moderation-appeals', permission: 'moderation.decide', leadsFor: ['moderator'], order: 22, Card: AppealsForMeCard },
  { id: 'moderation-shadow-rules', permission: 'moderation.read', leadsFor: ['moderator'], order: 23, Card: ShadowRulesCard },
];

import { Alert, Box, Chip, Skeleton, Stack } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useGetIdentity } from 'react-admin';
import { useParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { DecisionPanel, type DecideResult } from './DecisionPanel';
import { decidableCodes, suggestedCode, type ReasonCodeOption } from './decisionForm';
import { ItemAccountCard } from './ItemAccountCard';
import { ItemAuthorCard } from './ItemAuthorCard';
import { ItemContentCard } from './ItemContentCard';
import { ItemEventLog } from './ItemEventLog';
import { ItemNotes } from './ItemNotes';
import type { ModerationItemData } from './itemTypes';
import { LeaseBar } from './LeaseBar';
import { BUCKET_COLORS, BUCKET_LABELS, formatDateTime, groupLabel } from './moderationText';
import { NextItemButton } from './NextItemButton';
import { OpenAppealForm, type Appellant } from './OpenAppealForm';
import { StatementOfReasons } from './StatementOfReasons';
import { useModerationItem, useReasonCodes, useReasonLabel } from './useModeration';

/**
 * One queue item (`#/moderation/<entryId>/show`): the content and its reports, the
 * author in context, the event log and notes; for the moderator holding it, the lease
 * and the decision panel; once decided, the statement of reasons and "Next item" (`n`).
 */
export default function ModerationItem() {
  const { id = '' } = useParams();
  const item = useModerationItem(id);
  const identity = useGetIdentity();
  const codes = useReasonCodes();
  if (item.isPending || identity.isPending || codes.isPending) return <Skeleton variant="rounded" height={360} role="status" aria-label="Loading the item" sx={{ mt: 2 }} />;
  if (item.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(item.error)}</Alert>;
  if (codes.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(codes.error)}</Alert>;
  return <ItemPage key={id} item={item.data} meId={String(identity.data?.id ?? '')} codes={decidableCodes(codes.data)} />;
}

function ItemPage({ item, meId, codes }: { item: ModerationItemData; meId: string; codes: ReasonCodeOption[] }) {
  const { entry } = item;
  const { canAccess: canDecide } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const [decided, setDecided] = useState<DecideResult | null>(null);
  const reasonLabel = useReasonLabel();
  const held = decided === null && entry.status === 'claimed' && entry.claimedBy === meId;
  const initial = suggestedCode(codes, entry.reasonCodes);
  return (
    <ConsolePage
      title="Moderation item"
      heading={`Item ${entry.id}`}
      back={{ to: '/moderation', label: 'Queue' }}
      badges={
        <>
          <Chip color={BUCKET_COLORS[entry.bucket]} label={`${BUCKET_LABELS[entry.bucket]} · score ${Math.round(entry.score)}`} />
          <Chip variant="outlined" label={groupLabel(entry.reasonGroup)} />
        </>
      }
      actions={canDecide && (decided || !held) && <NextItemButton variant={decided ? 'contained' : 'outlined'} />}
    >
      <LeaseBar entryId={entry.id} leaseExpiresAt={entry.leaseExpiresAt} held={held} />
      <HoldNotice item={item} held={held} meId={meId} decided={decided !== null} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 3fr) minmax(0, 2fr)' }, alignItems: 'start' }}>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          {entry.subjectType === 'account' ? <ItemAccountCard item={item} /> : <ItemContentCard item={item} />}
          {decided && (
            <StatementOfReasons statement={decided.statement} appealDeadline={decided.appealDeadline} heading={`Decided: ${reasonLabel(decided.reasonCode)} — statement of reasons`}>
              <OpenAppealForm decisionId={decided.decisionId} appellants={appellantsOf(item)} />
            </StatementOfReasons>
          )}
          {held && initial && <DecisionPanel entryId={entry.id} codes={codes} initial={initial} onDecided={setDecided} />}
          {!decided &&
            item.decisions.map((decision) => (
              <StatementOfReasons key={decision.id} statement={decision.statement} appealDeadline={decision.appealDeadline} heading={`${decision.reasonCode} by ${decision.decidedBy}, ${formatDateTime(decision.createdAt)}${decision.reversedAt ? ' (reversed)' : ''}`}>
                {!decision.reversedAt && Date.parse(decision.appealDeadline) > Date.now() && <OpenAppealForm decisionId={decision.id} appellants={appellantsOf(item)} />}
              </StatementOfReasons>
            ))}
        </Stack>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <ItemAuthorCard author={item.author} />
          <ItemEventLog events={item.events} />
          <ItemNotes entryId={entry.id} notes={item.notes} />
        </Stack>
      </Box>
    </ConsolePage>
  );
}

function HoldNotice({ item, held, meId, decided }: { item: ModerationItemData; held: boolean; meId: string; decided: boolean }) {
  const { entry } = item;
  if (held || decided) return null;
  if (entry.status === 'decided') return <Alert severity="info">This item is decided.</Alert>;
  if (entry.status === 'claimed' && entry.claimedBy !== meId && entry.leaseExpiresAt && Date.parse(entry.leaseExpiresAt) > Date.now()) {
    return <Alert severity="info">Another moderator holds this item until {formatDateTime(entry.leaseExpiresAt)}.</Alert>;
  }
  return <Alert severity="info">Items are worked in priority order: use Next item to claim the top one.</Alert>;
}

/** Who may appeal a decision on this item: its author, and each reporter once. */
function appellantsOf(item: ModerationItemData): Appellant[] {
  const appellants: Appellant[] = item.author ? [{ userId: item.author.id, label: `The author (${item.author.name || item.author.email})` }] : [];
  const reporters = [...new Set(item.reports.map((r) => r.reporterUserId).filter((id): id is string => id !== null))];
  return [...appellants, ...reporters.map((id, index) => ({ userId: id, label: `Reporter ${index + 1}` }))];
}

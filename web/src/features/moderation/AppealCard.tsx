import { Alert, Button, Card, CardContent, Chip, Link, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { DECISION_LABELS, formatDateTime } from './moderationText';
import { useDecideAppeal, type useAppeals } from './useAppeals';
import { useReasonLabel } from './useModeration';
import { itemHref } from './useNextItem';
import { appealOutcomeText } from './appealOutcomeText';

export type AppealRow = NonNullable<ReturnType<typeof useAppeals>['data']>['pages'][number]['items'][number];

/** One appeal: the decision it contests, the appellant's words, and (for another moderator) uphold or reverse with a reason. */
export function AppealCard({ appeal, onDecided }: { appeal: AppealRow; onDecided: (outcome: string) => void }) {
  const { canAccess: canDecide } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const decide = useDecideAppeal();
  const reasonLabel = useReasonLabel();
  const [reason, setReason] = useState('');
  const open = appeal.status === 'open';
  // The promise, not mutate's own onSuccess: the decided appeal leaves the open list, and when the
  // list's refetch unmounts this card first, React Query drops that callback and the page would
  // never say what happened. A failure stays on this card (decide.error; nothing refetches).
  const act = (outcome: 'upheld' | 'reversed') =>
    decide.mutateAsync({ appealId: appeal.id, outcome, reason: reason.trim() }).then(
      (result) => onDecided(appealOutcomeText(result)),
      () => undefined,
    );
  return (
    <Card variant="outlined" component="article" aria-label={`Appeal on ${reasonLabel(appeal.reasonCode)} by the ${appeal.appellantRole}`}>
      <CardContent>
        <Stack spacing={1}>
          <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center">
            <Typography variant="subtitle1" component="h2">
              {DECISION_LABELS[appeal.decisionType as keyof typeof DECISION_LABELS] ?? appeal.decisionType} · {reasonLabel(appeal.reasonCode)}
            </Typography>
            <Chip size="small" label={appeal.status === 'open' ? 'Open' : appeal.status === 'upheld' ? 'Upheld' : 'Reversed'} color={appeal.status === 'reversed' ? 'warning' : 'default'} />
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            Decided by {appeal.firstDeciderLabel} · appeal by the {appeal.appellantRole} ({appeal.channel === 'product' ? 'from the product' : `entered by ${appeal.enteredByLabel ?? 'staff'}`}) on {formatDateTime(appeal.createdAt)} · subject {appeal.subjectType} {appeal.subjectId}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>“{appeal.statement}”</Typography>
          {!open && (
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              {appeal.status === 'upheld' ? 'Upheld' : 'Reversed'} by {appeal.decidedByLabel} {appeal.decidedAt ? `on ${formatDateTime(appeal.decidedAt)}` : ''}: {appeal.decisionReason}
            </Typography>
          )}
          {open && canDecide && !appeal.mayDecide && <Alert severity="info">You took the decision under appeal, so another moderator decides this appeal.</Alert>}
          {open && canDecide && appeal.mayDecide && (
            <Stack spacing={1}>
              <TextField label="Reason for the outcome" value={reason} onChange={(event) => setReason(event.target.value)} multiline minRows={2} inputProps={{ maxLength: 1000 }} helperText="Audited, and the core of what the appellant is told." />
              {decide.error && <Alert severity="error">{errorMessage(decide.error)}</Alert>}
              <Stack direction="row" flexWrap="wrap" useFlexGap gap={1}>
                <Button variant="outlined" disabled={!reason.trim() || decide.isPending} onClick={() => act('upheld')}>
                  Uphold the decision
                </Button>
                <Button variant="contained" color="warning" disabled={!reason.trim() || decide.isPending} onClick={() => act('reversed')}>
                  Reverse the decision
                </Button>
              </Stack>
            </Stack>
          )}
          {appeal.entryId ? (
            <Link component={RouterLink} to={itemHref(appeal.entryId)} variant="body2">
              Open the decided item
            </Link>
          ) : (
            <Link href={`#/moderation?status=decided&q=${encodeURIComponent(appeal.subjectId)}`} variant="body2">
              Find the item in the queue
            </Link>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

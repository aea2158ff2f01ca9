import { Alert, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import type { TModerationRuleConditions } from '@opsdesk/shared';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { DryRunResult } from './DryRunResult';
import { conditionsText, hitsText, precisionText, RULE_ACTION_LABELS, RULE_MODE_LABELS } from './ruleText';
import { useReasonLabel } from './useModeration';
import { useDryRun, useSetRuleMode, type useRules } from './useRules';

export type RuleView = NonNullable<ReturnType<typeof useRules>['data']>['rules'][number];

/** One rule: conditions and action in words, its figures (hits, would-have-acted in shadow, precision), a dry run, and for admins shadow ↔ live. */
export function RuleCard({ rule }: { rule: RuleView }) {
  const { canAccess: canEdit } = useCanAccess({ resource: 'moderation', action: 'rules' });
  const setMode = useSetRuleMode();
  const dryRun = useDryRun();
  const reasonLabel = useReasonLabel();
  const [reason, setReason] = useState('');
  const nextMode = rule.mode === 'shadow' ? 'live' : 'shadow';
  const { stats } = rule;
  return (
    <Card variant="outlined" component="article" aria-label={`Rule ${rule.name}`}>
      <CardContent>
        <Stack spacing={1}>
          <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center">
            <Typography variant="subtitle1" component="h2" sx={{ overflowWrap: 'anywhere' }}>
              {rule.name}
            </Typography>
            <Chip size="small" color={rule.mode === 'live' ? 'warning' : 'default'} label={RULE_MODE_LABELS[rule.mode]} />
            {!rule.enabled && <Chip size="small" variant="outlined" label="Disabled" />}
          </Stack>
          {rule.description && <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>{rule.description}</Typography>}
          <Typography variant="body2" component="ul" sx={{ m: 0, pl: 2.5, overflowWrap: 'anywhere' }}>
            {conditionsText(rule.conditions as TModerationRuleConditions, reasonLabel).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Typography>
          <Typography variant="body2">
            Then: {RULE_ACTION_LABELS[rule.action]} (filed under {reasonLabel(rule.reasonCode)}).
          </Typography>
          <Typography variant="body2" color="text.secondary" aria-label="Figures">
            {hitsText(stats)} · moderators agreed {stats.agreed}, disagreed {stats.disagreed} · {precisionText(stats.precision)}
          </Typography>
          <Stack direction="row" flexWrap="wrap" useFlexGap gap={1}>
            <Button size="small" variant="outlined" disabled={dryRun.isPending} onClick={() => dryRun.mutate({ id: rule.id, days: 7 })}>
              {dryRun.isPending ? 'Trying…' : 'Dry run (last 7 days)'}
            </Button>
          </Stack>
          <DryRunResult dryRun={dryRun} />
          {canEdit && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ sm: 'flex-start' }}>
              <TextField size="small" label={`Reason to switch to ${nextMode}`} value={reason} onChange={(event) => setReason(event.target.value)} inputProps={{ maxLength: 1000 }} sx={{ flexGrow: 1 }} />
              <Button variant={nextMode === 'live' ? 'contained' : 'outlined'} color={nextMode === 'live' ? 'warning' : 'primary'} disabled={!reason.trim() || setMode.isPending} onClick={() => setMode.mutate({ id: rule.id, mode: nextMode, reason: reason.trim() }, { onSuccess: () => setReason('') })}>
                {nextMode === 'live' ? 'Switch to live' : 'Back to shadow'}
              </Button>
            </Stack>
          )}
          {setMode.error && <Alert severity="error">{errorMessage(setMode.error)}</Alert>}
        </Stack>
      </CardContent>
    </Card>
  );
}

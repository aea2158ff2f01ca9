import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { MODERATION_RULE_ACTIONS, type TModerationRuleAction } from '@opsdesk/shared';
import { useState } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { DryRunResult } from './DryRunResult';
import { keywordsFromInput, RULE_ACTION_LABELS } from './ruleText';
import { useCreateRule, useDryRun } from './useRules';

/**
 * A keyword rule, the common case (richer conditions come through the API): try it
 * against the last 7 days first, then save it in shadow mode, where it only logs.
 */
export function RuleCreateForm({ reasonCodes }: { reasonCodes: { code: string; label: string }[] }) {
  const create = useCreateRule();
  const dryRun = useDryRun();
  const [name, setName] = useState('');
  const [keywords, setKeywords] = useState('');
  const [action, setAction] = useState<TModerationRuleAction>('open_queue_entry');
  const [reasonCode, setReasonCode] = useState('spam');
  const [reason, setReason] = useState('');
  const words = keywordsFromInput(keywords);
  const conditions = { keywords: words };
  return (
    <Card variant="outlined" component="section" aria-label="New keyword rule">
      <CardContent>
        <Stack spacing={1.5}>
          <Typography variant="h6" component="h2">
            New keyword rule
          </Typography>
          <TextField size="small" label="Name" value={name} onChange={(event) => setName(event.target.value)} inputProps={{ maxLength: 120 }} />
          <TextField size="small" label="Keywords (comma-separated; any one matches)" value={keywords} onChange={(event) => setKeywords(event.target.value)} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <TextField select size="small" label="Action" value={action} onChange={(event) => setAction(event.target.value as TModerationRuleAction)} sx={{ minWidth: 220 }}>
              {MODERATION_RULE_ACTIONS.map((value) => (
                <MenuItem key={value} value={value}>
                  {RULE_ACTION_LABELS[value]}
                </MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label="Filed under" value={reasonCode} onChange={(event) => setReasonCode(event.target.value)} sx={{ minWidth: 200 }}>
              {reasonCodes.map((code) => (
                <MenuItem key={code.code} value={code.code}>
                  {code.label}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField size="small" label="Reason (audited)" value={reason} onChange={(event) => setReason(event.target.value)} inputProps={{ maxLength: 1000 }} />
          <Stack direction="row" flexWrap="wrap" useFlexGap gap={1}>
            <Button variant="outlined" disabled={words.length === 0 || dryRun.isPending} onClick={() => dryRun.mutate({ conditions, days: 7 })}>
              Try it (last 7 days)
            </Button>
            <Button
              variant="contained"
              disabled={!name.trim() || words.length === 0 || !reason.trim() || create.isPending}
              onClick={() => create.mutate({ name: name.trim(), conditions, action, reasonCode, mode: 'shadow', reason: reason.trim() }, { onSuccess: () => { setName(''); setKeywords(''); setReason(''); dryRun.reset(); } })}
            >
              Save in shadow mode
            </Button>
          </Stack>
          <DryRunResult dryRun={dryRun} />
          {create.error && <Alert severity="error">{errorMessage(create.error)}</Alert>}
          {create.isSuccess && <Alert severity="success">Saved in shadow mode: it logs what it would do. Switch it to live from its card.</Alert>}
        </Stack>
      </CardContent>
    </Card>
  );
}

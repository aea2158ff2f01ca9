import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { DSA_DECISION_GROUNDS } from '@opsdesk/shared';
import { useState } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { decideRequestOf, valuesForCode, codeForKey, type DecisionFormValues, type ReasonCodeOption } from './decisionForm';
import { DECISION_LABELS, dsaWords } from './moderationText';
import { useDecide } from './useModeration';
import { useKeyShortcut } from '../../app/useKeyShortcut';

export type DecideResult = NonNullable<ReturnType<typeof useDecide>['data']>;

/**
 * Deciding the item held: a reason code (keys 1–9, or the list with arrows and Enter),
 * which sets the decision type and prefills the statement's ground, reference and facts;
 * the moderator's own reason (audited); Submit or Ctrl+Enter.
 */
export function DecisionPanel({ entryId, codes, initial, onDecided }: { entryId: string; codes: ReasonCodeOption[]; initial: ReasonCodeOption; onDecided: (result: DecideResult) => void }) {
  const decide = useDecide();
  const [values, setValues] = useState<DecisionFormValues>(() => valuesForCode(initial));
  const code = codes.find((c) => c.code === values.reasonCode) ?? initial;
  const restricts = code.decisionType !== 'dismiss';
  const pick = (next: ReasonCodeOption) => setValues((previous) => valuesForCode(next, previous));
  const canSubmit = values.reason.trim().length > 0 && (!restricts || values.facts.trim().length > 0) && !decide.isPending;
  const submit = () => {
    // The promise, not mutate's onSuccess: the decided item is no longer held, so its refetch can
    // unmount this panel before that callback runs, and React Query then drops it. A failure
    // stays on the panel (decide.error).
    if (canSubmit) decide.mutateAsync(decideRequestOf(entryId, code, values)).then(onDecided, () => undefined);
  };
  useKeyShortcut(
    (key) => codeForKey(codes, key) !== undefined,
    (key) => pick(codeForKey(codes, key)!),
  );
  const set = (field: keyof DecisionFormValues) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });

  return (
    <Card variant="outlined" component="section" aria-label="Decision">
      <CardContent>
        <Stack
          spacing={2}
          component="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
        >
          <Typography variant="h6" component="h2">
            Decision
          </Typography>
          <TextField select label="Reason code" value={code.code} onChange={(event) => pick(codes.find((c) => c.code === event.target.value)!)} helperText="Keys 1–9 pick a code; or open the list and use the arrows and Enter.">
            {codes.map((option, index) => (
              <MenuItem key={option.code} value={option.code}>
                {index < 9 ? `${index + 1} · ` : ''}
                {option.label} — {DECISION_LABELS[option.decisionType]}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="body2" aria-label="Decision type">
            Decision: <strong>{DECISION_LABELS[code.decisionType]}</strong>
            {restricts && <> · Category: {dsaWords(code.dsaCategory, 'STATEMENT_CATEGORY_')}</>}
          </Typography>
          {restricts && (
            <>
              <TextField select label="Decision ground" value={values.decisionGround} onChange={set('decisionGround')}>
                {DSA_DECISION_GROUNDS.map((ground) => (
                  <MenuItem key={ground} value={ground}>
                    {dsaWords(ground, 'DECISION_GROUND_')}
                  </MenuItem>
                ))}
              </TextField>
              <TextField label={values.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT' ? 'Legal ground (law relied on)' : 'Contractual ground (terms clause)'} value={values.groundReference} onChange={set('groundReference')} inputProps={{ maxLength: 500 }} />
              {values.decisionGround === 'DECISION_GROUND_INCOMPATIBLE_CONTENT' && (
                <TextField select label="Also illegal" value={values.alsoIllegal} onChange={set('alsoIllegal')}>
                  <MenuItem value="No">No</MenuItem>
                  <MenuItem value="Yes">Yes</MenuItem>
                </TextField>
              )}
              <TextField label="Facts and circumstances (in the statement)" value={values.facts} onChange={set('facts')} multiline minRows={2} inputProps={{ maxLength: 5000 }} required error={values.facts.trim() === ''} helperText="What the author and the DSA record are told." />
            </>
          )}
          <TextField label="Reason (internal, audited)" value={values.reason} onChange={set('reason')} multiline minRows={2} inputProps={{ maxLength: 1000 }} required helperText="Why you decided so. Ctrl+Enter submits." />
          {decide.error && <Alert severity="error">{errorMessage(decide.error)}</Alert>}
          <Button type="submit" variant="contained" disabled={!canSubmit} aria-keyshortcuts="Control+Enter" sx={{ alignSelf: 'flex-start' }}>
            {decide.isPending ? 'Deciding…' : 'Submit decision'}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}

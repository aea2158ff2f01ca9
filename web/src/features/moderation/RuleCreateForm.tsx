import { Alert, Autocomplete, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { MODERATION_RULE_ACTIONS, type TModerationRuleAction } from '@opsdesk/shared';
import { useState } from 'react';
import { errorData, errorMessage } from '../../app/trpcErrors';
import { usePlanOptions } from '../flags/useFlags';
import { DryRunResult } from './DryRunResult';
import { AUTHOR_STATUS_LABELS, conditionsFromForm, EMPTY_RULE_FORM, formErrorsOfServer, type TAuthorStatus, type TRuleFormField, type TRuleFormValues } from './ruleForm';
import { RULE_ACTION_LABELS } from './ruleText';
import { useCreateRule, useDryRun } from './useRules';

const AUTHOR_STATUSES = Object.keys(AUTHOR_STATUS_LABELS) as TAuthorStatus[];
// The matcher's plan for content whose author and workspace have none (docs/moderation.md).
const NO_PLAN = 'none';
const planCodes = (plans: string[]) => plans.map((plan) => plan.trim().toLowerCase()).filter(Boolean);

/**
 * A new auto-moderation rule, every condition the server supports in words (all filled-in
 * conditions must hold; blank ones are left out): try it against the last 7 days first,
 * then save it in shadow mode, where it only logs. Field conversion lives in ruleForm.ts;
 * the server's refusals (a non-RE2 or too complex pattern, a bound) show under the field.
 */
/** `nameFieldId` lets the page's "New rule" button bring the form's first field into focus. */
export function RuleCreateForm({ reasonCodes, nameFieldId }: { reasonCodes: { code: string; label: string }[]; nameFieldId?: string }) {
  const create = useCreateRule();
  const dryRun = useDryRun();
  const plans = usePlanOptions();
  const [name, setName] = useState('');
  const [form, setForm] = useState<TRuleFormValues>(EMPTY_RULE_FORM);
  const [serverErrors, setServerErrors] = useState<Partial<Record<TRuleFormField, string>>>({});
  const [action, setAction] = useState<TModerationRuleAction>('open_queue_entry');
  const [reasonCode, setReasonCode] = useState('spam');
  const [reason, setReason] = useState('');
  const { conditions, errors } = conditionsFromForm(form);
  const planOptions = [...new Set([...(plans.data ?? []), NO_PLAN])];

  const set = <K extends TRuleFormField>(field: K, value: TRuleFormValues[K]) => {
    setForm((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
    // A dry run of other conditions (or its refusal) no longer says anything about these.
    dryRun.reset();
    if (create.error) create.reset();
  };
  const errorOf = (field: TRuleFormField) => errors[field] ?? serverErrors[field];
  const text = (field: Exclude<TRuleFormField, 'authorStatuses' | 'plansAnyOf' | 'plansNoneOf'>, label: string, hint?: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField size="small" fullWidth label={label} value={form[field]} onChange={(event) => set(field, event.target.value)} error={Boolean(errorOf(field))} helperText={errorOf(field) ?? hint} {...extra} />
  );
  const number = (field: 'reportsMinCount' | 'reportsWindowHours' | 'minDistinctReporters' | 'minReporterReliabilityPercent' | 'authorMaxAgeDays' | 'authorMinAgeDays', label: string, hint?: string) =>
    text(field, label, hint, { inputProps: { inputMode: field === 'minReporterReliabilityPercent' ? 'decimal' : 'numeric' } });
  const showServerErrors = (error: unknown) => setServerErrors(formErrorsOfServer(errorData(error).fieldErrors));

  return (
    <Card variant="outlined" component="section" aria-label="New rule">
      <CardContent>
        <Stack spacing={1.5}>
          <Typography variant="h6" component="h2">
            New rule
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Fill in the conditions you need; the rule matches when all of them hold.
          </Typography>
          <TextField size="small" label="Name" id={nameFieldId} value={name} onChange={(event) => setName(event.target.value)} inputProps={{ maxLength: 120 }} />

          <Typography variant="subtitle2" component="h3">
            Text
          </Typography>
          {text('keywords', 'Keywords', 'Comma-separated; any one matches: whole words or phrases in the title or body, any case')}
          {text('regexes', 'Patterns (RE2)', 'One per line; any one matches: regular expressions, any case, without back-references or look-arounds', { multiline: true, minRows: 2, inputProps: { spellCheck: false } })}

          <Typography variant="subtitle2" component="h3">
            Reports
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            {number('reportsMinCount', 'At least this many reports')}
            {number('reportsWindowHours', 'Within hours', 'At most 720 (30 days)')}
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            {text('reportReasonCodes', 'Report reasons (codes, comma-separated)', 'Blank: any reason')}
            {number('minDistinctReporters', 'From at least this many reporters')}
            {number('minReporterReliabilityPercent', 'Reporter reliability at least (%)', 'Their upheld reports, on average')}
          </Stack>

          <Typography variant="subtitle2" component="h3">
            Author
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            {number('authorMaxAgeDays', 'Account age at most (days)', 'New accounts, e.g. 7')}
            {number('authorMinAgeDays', 'Account age at least (days)', 'Older accounts')}
          </Stack>
          <Autocomplete
            multiple
            size="small"
            options={AUTHOR_STATUSES}
            getOptionLabel={(status) => AUTHOR_STATUS_LABELS[status]}
            value={form.authorStatuses}
            onChange={(_event, statuses) => set('authorStatuses', statuses)}
            renderInput={(params) => <TextField {...params} label="Author status" error={Boolean(errorOf('authorStatuses'))} helperText={errorOf('authorStatuses') ?? 'Any of these; blank: any status'} />}
          />

          <Typography variant="subtitle2" component="h3">
            Plan and content
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <Autocomplete
              multiple
              freeSolo
              fullWidth
              size="small"
              options={planOptions}
              value={form.plansAnyOf}
              onChange={(_event, values) => set('plansAnyOf', planCodes(values))}
              renderInput={(params) => <TextField {...params} label="Plan is any of" error={Boolean(errorOf('plansAnyOf'))} helperText={errorOf('plansAnyOf') ?? '“none”: no plan; Enter after a typed one'} />}
            />
            <Autocomplete
              multiple
              freeSolo
              fullWidth
              size="small"
              options={planOptions}
              value={form.plansNoneOf}
              onChange={(_event, values) => set('plansNoneOf', planCodes(values))}
              renderInput={(params) => <TextField {...params} label="Plan is none of" error={Boolean(errorOf('plansNoneOf'))} helperText={errorOf('plansNoneOf') ?? 'Excluded plans'} />}
            />
          </Stack>
          {text('contentKinds', 'Content kinds (codes, comma-separated)', 'For example post, comment; blank: any kind')}

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
            <Button
              variant="outlined"
              disabled={!conditions || dryRun.isPending}
              onClick={() => conditions && dryRun.mutate({ conditions, days: 7 }, { onSuccess: () => setServerErrors({}), onError: showServerErrors })}
            >
              Try it (last 7 days)
            </Button>
            <Button
              variant="contained"
              disabled={!name.trim() || !conditions || !reason.trim() || create.isPending}
              onClick={() =>
                conditions &&
                create.mutate(
                  { name: name.trim(), conditions, action, reasonCode, mode: 'shadow', reason: reason.trim() },
                  {
                    onSuccess: () => {
                      setName('');
                      setForm(EMPTY_RULE_FORM);
                      setServerErrors({});
                      setReason('');
                      dryRun.reset();
                    },
                    onError: showServerErrors,
                  },
                )
              }
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

import type { TFlagChangePreview } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Stack, Typography } from '@mui/material';
import { flagTypeLabel } from '../flagText';
import { ImpactSummary } from './ImpactSummary';
import { RulesDiff } from './RulesDiff';

/**
 * A `flags.changeEnvironment` request as its approver reads it: which flag in which
 * environment, on/off and strategies before → after in words, and the impact the
 * requester saw (accounts flipped, paying customers, MRR). What is approved is exactly
 * this diff; the request is refused as stale if the flag changed meanwhile.
 */
export function FlagChangeReview({ preview }: { preview: unknown }) {
  if (!isFlagChangePreview(preview)) return <Typography>This request carries no flag change preview.</Typography>;
  const onOff = (enabled: boolean) => (enabled ? 'on' : 'off');
  return (
    <Stack spacing={2} aria-label="Flag change">
      <Typography>
        Flag <strong>{preview.key}</strong> ({flagTypeLabel(preview.flagType)}) in <strong>{preview.environment}</strong>: {onOff(preview.before.enabled)} → {onOff(preview.after.enabled)}
        {preview.before.enabled === preview.after.enabled ? ' (unchanged)' : ''}.
      </Typography>
      <RulesDiff before={preview.before} after={preview.after} />
      <ImpactSummary impact={preview.impact} title="Impact the requester saw" />
      <Typography variant="body2" color="text.secondary">
        Made against revision {preview.revision} of {preview.environment}; if it changed since, approving refuses the request as stale.
      </Typography>
    </Stack>
  );
}

function isFlagChangePreview(value: unknown): value is TFlagChangePreview {
  const v = value as Partial<TFlagChangePreview> | null;
  return !!v && typeof v.key === 'string' && !!v.before && !!v.after && !!v.impact && Array.isArray(v.before.strategies) && Array.isArray(v.after.strategies);
}

import { Alert, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useId } from 'react';
import { useCanAccess } from 'react-admin';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { RuleCard } from './RuleCard';
import { RuleCreateForm } from './RuleCreateForm';
import { useReasonCodes } from './useModeration';
import { useRules } from './useRules';

/**
 * Auto-moderation rules (`#/moderation-rules`): every rule with its figures and a dry run
 * (moderation.read); admins (moderation.rules) add rules, which start in shadow
 * mode, and switch rules between shadow and live with a reason. The rules come first:
 * a moderator comes to read their figures far more often than to add one, and the form
 * took the first screen and a half (on a phone, three); "New rule" jumps to it.
 */
export default function ModerationRules() {
  const { canAccess, isPending } = useCanAccess({ resource: 'moderation', action: 'list' });
  const { canAccess: canEdit } = useCanAccess({ resource: 'moderation', action: 'rules' });
  const rules = useRules();
  const codes = useReasonCodes();
  const nameFieldId = useId();
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>You do not have permission to see moderation rules.</Alert>;
  const list = rules.data?.rules ?? [];
  return (
    <ConsolePage
      title="Moderation rules"
      actions={
        canEdit && (
          <Button variant="contained" size="small" onClick={() => focusNewRule(nameFieldId)}>
            New rule
          </Button>
        )
      }
    >
      {rules.isPending && <Skeleton variant="rounded" height={200} role="status" aria-label="Loading the rules" />}
      {rules.error && <Alert severity="error">{errorMessage(rules.error)}</Alert>}
      {rules.data && list.length === 0 && <Typography color="text.secondary">No rule yet.{canEdit ? ' Add a rule below; it starts in shadow mode.' : ' Admins add them.'}</Typography>}
      <Stack spacing={1.5} aria-label="Rules">
        {list.map((rule) => (
          <RuleCard key={rule.id} rule={rule} />
        ))}
      </Stack>
      {canEdit && codes.data && <RuleCreateForm reasonCodes={codes.data} nameFieldId={nameFieldId} />}
    </ConsolePage>
  );
}

/** Brings the form's first field into view, clear of the app bar, with the keyboard's focus on it. */
function focusNewRule(nameFieldId: string) {
  const name = document.getElementById(nameFieldId);
  name?.scrollIntoView({ block: 'center' });
  name?.focus({ preventScroll: true });
}

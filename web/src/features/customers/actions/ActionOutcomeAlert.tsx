import type { TActionOutcome } from '@opsdesk/shared';
import { Alert, AlertTitle, Box } from '@mui/material';
import { formatDateTime } from '../../../app/formatDateTime';
import { PreviewFacts } from './PreviewFacts';

/** What happened: done, sent for approval, or found to repeat an earlier identical request. */
export function ActionOutcomeAlert({ outcome }: { outcome: TActionOutcome<unknown> }) {
  if (outcome.status === 'approval_requested') {
    return (
      <Alert severity="info" role="status">
        <AlertTitle>{outcome.duplicate ? 'Already waiting for approval' : 'Sent for approval'}</AlertTitle>
        {outcome.duplicate ? 'An identical request is already in the approvals inbox; no second request was made. ' : ''}
        {outcome.approvalReason} Another staff member must approve it in the Approvals inbox before {formatDateTime(outcome.expiresAt)}.
      </Alert>
    );
  }
  if (outcome.status === 'in_progress') {
    return (
      <Alert severity="info" role="status">
        <AlertTitle>In progress</AlertTitle>
        An identical request is being carried out right now. Opsdesk finishes it and records the outcome on the audit log; nothing will be done twice.
      </Alert>
    );
  }
  return (
    <Alert severity="success" role="status">
      <AlertTitle>{outcome.duplicate ? 'Already done' : 'Done'}</AlertTitle>
      {outcome.duplicate ? 'This repeats an earlier identical request, which was already carried out; nothing was done twice.' : null}
      <Box mt={1}>
        <PreviewFacts value={outcome.result} label="Result" />
      </Box>
    </Alert>
  );
}

import { ZDecideApprovalRequestSchema } from '@opsdesk/shared';
import { Alert, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { LimitedTextField } from '../../app/LimitedTextField';
import { checkText } from '../../app/textCheck';
import { errorMessage } from '../../app/trpcErrors';
import type { TApprovalRecord } from './approvalTypes';
import { useApprovalDecision } from './useApprovalDecision';

/** Approve or reject with a required comment; both buttons stay disabled while one is in flight. */
export function ApprovalDecisionForm({ request }: { request: TApprovalRecord }) {
  const decision = useApprovalDecision();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const check = checkText(comment, ZDecideApprovalRequestSchema.shape.comment, { requiredMessage: 'Add a comment: it is recorded with your decision.' });
  const pending = decision.approve.isPending || decision.reject.isPending;
  const error = decision.approve.error ?? decision.reject.error;
  const decide = (which: 'approve' | 'reject') => {
    setTouched(true);
    if (check.error || pending) return;
    decision[which].mutate({ id: request.id, comment: comment.trim() });
  };
  return (
    <Stack spacing={1.5} component="form" onSubmit={(event) => event.preventDefault()} aria-label="Decision">
      <LimitedTextField
        label="Comment (required)"
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        multiline
        minRows={2}
        check={check}
        showError={touched || comment !== ''}
        hint="Recorded with your decision in the audit log."
      />
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" color="success" disabled={pending} onClick={() => decide('approve')}>
          {decision.approve.isPending ? 'Approving…' : 'Approve'}
        </Button>
        <Button variant="outlined" color="error" disabled={pending} onClick={() => decide('reject')}>
          {decision.reject.isPending ? 'Rejecting…' : 'Reject'}
        </Button>
      </Stack>
    </Stack>
  );
}

import { Alert, AlertTitle, Button, Link, Stack, Typography } from '@mui/material';
import { ZPrivacyErasureRequestSchema, type TPrivacyRequestDetail } from '@opsdesk/shared';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { LimitedTextField } from '../../app/LimitedTextField';
import { SectionCard } from '../../app/SectionCard';
import { checkText } from '../../app/textCheck';
import { errorMessage } from '../../app/trpcErrors';
import { ApprovalStatusChip } from '../approvals/ApprovalStatusChip';
import { ErasurePlanView } from './ErasurePlanView';
import { PrivacyJobProgress } from './PrivacyJobProgress';
import { receiptHref, useErasureApproval, useErasurePreview, useFollowPrivacyRequest, useRequestErasure } from './usePrivacy';

const REASON_SCHEMA = ZPrivacyErasureRequestSchema.shape.reason;
const approvalHref = (id: string) => `/approvals/${id}/show`;
const ENDED_APPROVALS: ReadonlySet<string> = new Set(['rejected', 'expired', 'failed', 'void']);

/**
 * Right to be forgotten: once identity is verified, the plan (a dry run) → "Request
 * erasure" with a reason → a second person approves it in the approvals inbox → the job's
 * progress → "Download receipt". A rejected or expired approval lets the plan be requested again.
 */
export function ErasurePanel({ request }: { request: TPrivacyRequestDetail }) {
  const { canAccess: canDownload } = useCanAccess({ resource: 'privacy', action: 'download' });
  // The request records its approval once approved; until then the page knows it from "Request erasure".
  const [requestedApprovalId, setRequestedApprovalId] = useState<string | null>(null);
  const approvalId = request.approvalRequestId ?? requestedApprovalId;
  const approval = useErasureApproval(approvalId);
  // A rejected, expired or failed approval ends that attempt: the plan may be requested again.
  const approvalEnded = approval.data !== undefined && ENDED_APPROVALS.has(approval.data.status);
  const approvalOpen = approvalId !== null && !approvalEnded;
  const waiting = approvalOpen && request.status === 'verified' && (approval.isPending || approval.data?.status === 'pending_approval');
  useFollowPrivacyRequest(request.id, approvalOpen && request.status === 'verified');
  const running = request.status === 'approved' || request.status === 'in_progress';
  return (
    <SectionCard title="Erasure">
      <Stack spacing={1.5} alignItems="flex-start">
        {request.status === 'received' && <Typography color="text.secondary">Verify the person’s identity before planning the erasure.</Typography>}
        {request.status === 'on_hold' && <Typography color="text.secondary">A legal hold blocks the erasure until it is lifted.</Typography>}
        {approvalId && (
          <Alert severity={waiting ? 'info' : approvalEnded ? 'warning' : 'success'} role="status" sx={{ width: '100%' }}>
            {waiting && <AlertTitle>Waiting for a second person</AlertTitle>}
            {waiting && 'Another person who may erase personal data must approve the plan in the approvals inbox. '}
            <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap component="span">
              <Link component={RouterLink} to={approvalHref(approvalId)}>
                Open the approval request
              </Link>
              {approval.data && <ApprovalStatusChip status={approval.data.status} />}
            </Stack>
          </Alert>
        )}
        {request.status === 'verified' && !approvalOpen && <PlanAndRequest request={request} onRequested={setRequestedApprovalId} />}
        {request.status === 'verified' && approvalOpen && request.plan && <ErasurePlanView plan={request.plan} />}
        {(running || (request.status === 'completed' && request.jobId)) && <PrivacyJobProgress request={request} what="Erasure" />}
        {request.status === 'completed' &&
          request.hasReceipt &&
          (canDownload ? (
            <Button variant="contained" component="a" href={receiptHref(request.id)} download>
              Download receipt
            </Button>
          ) : (
            <Typography color="text.secondary">You may not download receipts.</Typography>
          ))}
      </Stack>
    </SectionCard>
  );
}

function PlanAndRequest({ request, onRequested }: { request: TPrivacyRequestDetail; onRequested: (approvalId: string) => void }) {
  const { canAccess: canErase } = useCanAccess({ resource: 'privacy', action: 'erase' });
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const preview = useErasurePreview();
  const requestErasure = useRequestErasure();
  const check = checkText(reason, REASON_SCHEMA, { requiredMessage: 'Give the reason the approver will read.' });
  if (!canErase) return <Typography color="text.secondary">Someone who may erase personal data plans and requests the erasure.</Typography>;
  const plan = preview.data?.preview ?? null;
  const run = (what: 'preview' | 'request') => {
    setSubmitted(true);
    if (check.error) return;
    if (what === 'preview') preview.mutate({ requestId: request.id, reason });
    else requestErasure.mutate({ requestId: request.id, reason }, { onSuccess: (outcome) => outcome.status === 'approval_requested' && onRequested(outcome.requestId) });
  };
  return (
    <Stack spacing={1.5} alignItems="flex-start" sx={{ width: '100%' }}>
      <LimitedTextField
        fullWidth
        multiline
        minRows={2}
        label="Reason (the approver reads it)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        check={check}
        showError={submitted || reason !== ''}
      />
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        <Button variant={plan ? 'outlined' : 'contained'} onClick={() => run('preview')} disabled={preview.isPending}>
          {preview.isPending ? 'Planning…' : plan ? 'Preview again' : 'Preview erasure plan'}
        </Button>
        {plan && (
          <Button variant="contained" color="error" onClick={() => run('request')} disabled={requestErasure.isPending}>
            {requestErasure.isPending ? 'Requesting…' : 'Request erasure'}
          </Button>
        )}
      </Stack>
      {preview.error && <Alert severity="error">{errorMessage(preview.error)}</Alert>}
      {requestErasure.error && <Alert severity="error">{errorMessage(requestErasure.error)}</Alert>}
      {preview.data && <Typography variant="body2">{preview.data.approvalReason}</Typography>}
      {plan ? <ErasurePlanView plan={plan} /> : request.plan && <ErasurePlanView plan={request.plan} />}
    </Stack>
  );
}

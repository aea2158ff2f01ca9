import { Alert, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Show, useRecordContext } from 'react-admin';
import { PreviewFacts } from '../customers/actions/PreviewFacts';
import { TargetLabel } from '../customers/CustomerTargetLink';
import { FlagChangeReview } from '../flags/changes/FlagChangeReview';
import { EmailAddress } from '../../app/EmailAddress';
import { formatDateTime } from '../../app/formatDateTime';
import { ApprovalDecisionForm } from './ApprovalDecisionForm';
import { ApprovalStatusChip } from './ApprovalStatusChip';
import { ErasurePlanReview } from './ErasurePlanReview';
import { actionLabel, type TApprovalRecord } from './approvalTypes';

/** One request: what was asked, the exact preview the requester saw, and the decision. */
export default function ApprovalShow() {
  return (
    <Show title={<ApprovalTitle />} component="div" actions={false}>
      <ApprovalDetails />
    </Show>
  );
}

function ApprovalTitle() {
  const request = useRecordContext<TApprovalRecord>();
  return <>{request ? `${actionLabel(request.action)} request` : 'Approval request'}</>;
}

function ApprovalDetails() {
  const request = useRecordContext<TApprovalRecord>();
  if (!request) return null;
  const pending = request.status === 'pending_approval';
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h5" component="h1">
          {actionLabel(request.action)} for <TargetLabel targetType={request.targetType} targetId={request.targetId} />
        </Typography>
        <ApprovalStatusChip status={request.status} />
      </Stack>
      <Card variant="outlined">
        <CardContent>
          <Grid container spacing={2}>
            <Fact label="Requested by">
              <EmailAddress email={request.requester.email} />
            </Fact>
            <Fact label="Requested">{formatDateTime(request.createdAt)}</Fact>
            <DecisionFact request={request} />
            <Fact label="Why a second person">{request.approvalReason ?? '—'}</Fact>
            <Fact label="Reason given">{request.reason ?? '—'}</Fact>
            {request.decisionComment && <Fact label="Decision comment">{request.decisionComment}</Fact>}
          </Grid>
        </CardContent>
      </Card>
      <Card variant="outlined" component="section" aria-label="Preview">
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            What the requester saw
          </Typography>
          <PreviewReview action={request.action} preview={request.preview} />
          <Typography variant="subtitle2" component="h3" mt={2}>
            Exact parameters
          </Typography>
          <PreviewFacts value={request.input} label="Parameters" currency={previewCurrency(request.preview)} />
        </CardContent>
      </Card>
      {request.result !== null && request.result !== undefined && (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              Result
            </Typography>
            <PreviewFacts value={request.result} label="Result" currency={previewCurrency(request.preview)} />
          </CardContent>
        </Card>
      )}
      {pending && request.canDecide && (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              Your decision
            </Typography>
            <ApprovalDecisionForm request={request} />
          </CardContent>
        </Card>
      )}
      {pending && !request.canDecide && <Alert severity="info">Another staff member who may take this action must decide; you cannot decide your own request.</Alert>}
    </Stack>
  );
}

/** Actions with a review of their own say what they do in words; the others list the preview's facts. */
function PreviewReview({ action, preview }: { action: string; preview: unknown }) {
  if (action === 'flags.changeEnvironment') return <FlagChangeReview preview={preview} />;
  if (action === 'privacy.erase') return <ErasurePlanReview preview={preview} />;
  return <PreviewFacts value={preview} label="Preview" />;
}

/** The request's input and result carry amounts in the preview's currency, without naming it. */
function previewCurrency(preview: unknown): string | null {
  const currency = (preview as { currency?: unknown } | null)?.currency;
  return typeof currency === 'string' ? currency : null;
}

/**
 * Who decided and when, once someone has; until then when the request lapses. A decided
 * request's expiry no longer matters (it read like a deadline still running).
 */
function DecisionFact({ request }: { request: TApprovalRecord }) {
  if (request.approver) {
    const label = request.status === 'rejected' ? 'Rejected by' : 'Approved by';
    return (
      <Fact label={label}>
        <EmailAddress email={request.approver.email} />
        {request.decidedAt && `, ${formatDateTime(request.decidedAt)}`}
      </Fact>
    );
  }
  if (request.status === 'pending_approval') return <Fact label="Expires">{formatDateTime(request.expiresAt)}</Fact>;
  if (request.status === 'expired') return <Fact label="Expired">{formatDateTime(request.expiresAt)}</Fact>;
  return null;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography>{children}</Typography>
    </Grid>
  );
}

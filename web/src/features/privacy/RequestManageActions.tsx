import { Button, Stack } from '@mui/material';
import { ZPrivacyReasonRequestSchema, type TPrivacyRequest } from '@opsdesk/shared';
import { useState } from 'react';
import { ConfirmWithInputDialog } from '../../app/ConfirmWithInputDialog';
import { errorMessage } from '../../app/trpcErrors';
import { isClosed } from './privacyText';
import { useHold, useLiftHold, useReject } from './usePrivacy';
import { VerifyIdentityDialog } from './VerifyIdentityDialog';

const REASON_SCHEMA = ZPrivacyReasonRequestSchema.shape.reason;
type ReasonAction = 'hold' | 'liftHold' | 'reject';

const REASON_DIALOGS: Record<ReasonAction, { title: string; description: string; confirm: string }> = {
  hold: { title: 'Place a legal hold', description: 'A hold stops the request (an erasure cannot start) until it is lifted; the request then returns to where it was.', confirm: 'Place hold' },
  liftHold: { title: 'Lift the legal hold', description: 'The request returns to the status it had before the hold.', confirm: 'Lift hold' },
  reject: { title: 'Reject the request', description: 'The request is closed. Say why: the person is told.', confirm: 'Reject' },
};

/** Verify identity, place or lift a legal hold, reject: what a person who manages requests may do at this status. */
export function RequestManageActions({ request }: { request: TPrivacyRequest }) {
  const [verifying, setVerifying] = useState(false);
  const [reasonAction, setReasonAction] = useState<ReasonAction | null>(null);
  const mutations = { hold: useHold(), liftHold: useLiftHold(), reject: useReject() };
  if (isClosed(request.status)) return null;
  const inFlight = request.status === 'approved' || request.status === 'in_progress';
  const active = reasonAction ? mutations[reasonAction] : null;
  const close = () => {
    active?.reset();
    setReasonAction(null);
  };
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap aria-label="Request actions">
      {request.status === 'received' && (
        <Button variant="contained" onClick={() => setVerifying(true)}>
          Verify identity
        </Button>
      )}
      {request.status === 'on_hold' ? (
        <Button variant="outlined" onClick={() => setReasonAction('liftHold')}>
          Lift hold
        </Button>
      ) : (
        !inFlight && (
          <Button variant="outlined" onClick={() => setReasonAction('hold')}>
            Place legal hold
          </Button>
        )
      )}
      {!inFlight && request.status !== 'on_hold' && (
        <Button variant="outlined" color="error" onClick={() => setReasonAction('reject')}>
          Reject
        </Button>
      )}
      <VerifyIdentityDialog requestId={request.id} open={verifying} onClose={() => setVerifying(false)} />
      {reasonAction && active && (
        <ConfirmWithInputDialog
          open
          title={REASON_DIALOGS[reasonAction].title}
          description={REASON_DIALOGS[reasonAction].description}
          inputLabel="Reason"
          confirmLabel={REASON_DIALOGS[reasonAction].confirm}
          pending={active.isPending}
          error={active.error ? errorMessage(active.error) : null}
          schema={REASON_SCHEMA}
          requiredMessage="Give a reason."
          onConfirm={(reason) => active.mutate({ requestId: request.id, reason }, { onSuccess: close })}
          onClose={close}
        />
      )}
    </Stack>
  );
}

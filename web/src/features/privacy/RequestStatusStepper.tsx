import { Alert, Box, Step, StepLabel, Stepper } from '@mui/material';
import type { TPrivacyRequest } from '@opsdesk/shared';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { activeStepIndex, STATUS_LABELS, STATUS_STEPS } from './privacyText';

/** received → verified → approved → in progress → completed; a rejection or a hold marks the step it stopped at, and says so. */
export function RequestStatusStepper({ request }: { request: TPrivacyRequest }) {
  const phone = usePhoneLayout();
  const active = activeStepIndex(request);
  const stopped = request.status === 'rejected' || request.status === 'on_hold';
  const completed = request.status === 'completed';
  return (
    <Box component="nav" aria-label="Request status">
      <Stepper activeStep={completed ? STATUS_STEPS.length : active} orientation={phone ? 'vertical' : 'horizontal'} alternativeLabel={!phone}>
        {STATUS_STEPS.map((status, index) => (
          <Step key={status} completed={completed || index < active}>
            <StepLabel error={stopped && index === active} optional={stopped && index === active ? STATUS_LABELS[request.status] : undefined}>
              {STATUS_LABELS[status]}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      {request.status === 'on_hold' && request.hold && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          On legal hold: {request.hold.reason} ({request.hold.byLabel}). Nothing is erased until the hold is lifted.
        </Alert>
      )}
      {request.status === 'rejected' && <Alert severity="error" sx={{ mt: 2 }}>Rejected: {request.rejectedReason ?? 'no reason recorded'}.</Alert>}
    </Box>
  );
}

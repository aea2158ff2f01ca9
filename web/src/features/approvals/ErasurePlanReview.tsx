import { Link, Stack, Typography } from '@mui/material';
import { ZErasurePlanSchema } from '@opsdesk/shared';
import { Link as RouterLink } from 'react-router-dom';
import { ErasurePlanView } from '../privacy/ErasurePlanView';
import { requestHref } from '../privacy/privacyText';

/**
 * A `privacy.erase` request as its approver reads it: the erasure plan in words, exactly
 * as the requester previewed it. The approval binds the plan's hash: if the data changed
 * since, the job refuses the plan and a new one must be approved.
 */
export function ErasurePlanReview({ preview }: { preview: unknown }) {
  const plan = ZErasurePlanSchema.safeParse(preview);
  if (!plan.success) return <Typography>This request carries no erasure plan.</Typography>;
  return (
    <Stack spacing={1.5}>
      <ErasurePlanView plan={plan.data} />
      <Typography variant="body2" color="text.secondary">
        Approving erases this person’s data as planned; it cannot be undone.{' '}
        <Link component={RouterLink} to={requestHref(plan.data.requestId)}>
          Open the privacy request
        </Link>
      </Typography>
    </Stack>
  );
}

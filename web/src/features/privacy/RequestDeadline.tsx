import { Button, Stack, Tooltip, Typography } from '@mui/material';
import type { TPrivacyRequest } from '@opsdesk/shared';
import { useState } from 'react';
import { formatDateTime } from '../../app/formatDateTime';
import { SectionCard } from '../../app/SectionCard';
import { ExtendDeadlineDialog } from './ExtendDeadlineDialog';
import { DueText } from './PrivacyStatusChip';
import { extensionBlockedReason, formatDay, todayUtc } from './privacyText';

/** The due date (with days left), any extension and its reason, and "Extend" — disabled with the reason why once it no longer may. */
export function RequestDeadline({ request, canManage }: { request: TPrivacyRequest; canManage: boolean }) {
  const [extending, setExtending] = useState(false);
  const blocked = extensionBlockedReason(request, todayUtc());
  return (
    <SectionCard title="Deadline">
      <Stack spacing={1}>
        <Typography>
          Due <DueText request={request} />
        </Typography>
        {request.extension ? (
          <Typography variant="body2" color="text.secondary">
            Extended by {request.extension.months} {request.extension.months === 1 ? 'month' : 'months'} from {formatDay(request.originalDueOn)} by {request.extension.byLabel} on {formatDateTime(request.extension.at)}: {request.extension.reason}
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            One calendar month after receipt; not extended.
          </Typography>
        )}
        {canManage && (
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Tooltip title={blocked ?? ''}>
              <span>
                <Button variant="outlined" size="small" onClick={() => setExtending(true)} disabled={blocked !== null}>
                  Extend deadline
                </Button>
              </span>
            </Tooltip>
            {blocked && (
              <Typography variant="body2" color="text.secondary">
                {blocked}
              </Typography>
            )}
          </Stack>
        )}
      </Stack>
      {canManage && blocked === null && <ExtendDeadlineDialog request={request} open={extending} onClose={() => setExtending(false)} />}
    </SectionCard>
  );
}

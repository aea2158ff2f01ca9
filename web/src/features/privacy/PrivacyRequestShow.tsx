import { Alert, Grid, Skeleton, Stack } from '@mui/material';
import type { TPrivacyRequestDetail } from '@opsdesk/shared';
import { useCanAccess } from 'react-admin';
import { useParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { AccessExportPanel } from './AccessExportPanel';
import { ErasurePanel } from './ErasurePanel';
import { PrivacyStatusChip } from './PrivacyStatusChip';
import { KIND_LABELS, subjectText } from './privacyText';
import { RequestDeadline } from './RequestDeadline';
import { RequestFacts } from './RequestFacts';
import { RequestHistory } from './RequestHistory';
import { RequestManageActions } from './RequestManageActions';
import { RequestStatusStepper } from './RequestStatusStepper';
import { usePrivacyRequest } from './usePrivacy';

/**
 * One privacy request (`#/privacy/<requestId>/show`): where it stands, its deadline, the
 * export or the erasure, and its history. Every control asks canAccess; whatever the
 * server refuses is shown in its words where the control is.
 */
export default function PrivacyRequestShow() {
  const { id = '' } = useParams();
  const request = usePrivacyRequest(id);
  if (request.isPending) return <Skeleton variant="rounded" height={360} role="status" aria-label="Loading the request" sx={{ mt: 2 }} />;
  if (request.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(request.error)}</Alert>;
  return <RequestPage request={request.data} />;
}

function RequestPage({ request }: { request: TPrivacyRequestDetail }) {
  const { canAccess: canManage } = useCanAccess({ resource: 'privacy', action: 'manage' });
  return (
    <ConsolePage
      title="Privacy request"
      heading={`${KIND_LABELS[request.kind]}: ${subjectText(request)}`}
      back={{ to: '/privacy', label: 'Privacy requests' }}
      badges={<PrivacyStatusChip status={request.status} />}
      actions={canManage && <RequestManageActions request={request} />}
    >
      <RequestStatusStepper request={request} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            {request.kind === 'access' ? <AccessExportPanel request={request} /> : <ErasurePanel request={request} />}
            <RequestFacts request={request} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            <RequestDeadline request={request} canManage={canManage === true} />
            <RequestHistory history={request.history} />
          </Stack>
        </Grid>
      </Grid>
    </ConsolePage>
  );
}

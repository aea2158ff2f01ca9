import { Alert, Button, Stack, Typography } from '@mui/material';
import type { TPrivacyRequestDetail } from '@opsdesk/shared';
import { useCanAccess } from 'react-admin';
import { formatDateTime } from '../../app/formatDateTime';
import { SectionCard } from '../../app/SectionCard';
import { errorMessage } from '../../app/trpcErrors';
import { PrivacyJobProgress } from './PrivacyJobProgress';
import { exportZipHref, useStartExport } from './usePrivacy';

const mebibytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** Right of access: "Build export" once identity is verified → the job's progress → "Download ZIP" until it expires. */
export function AccessExportPanel({ request }: { request: TPrivacyRequestDetail }) {
  const { canAccess: canManage } = useCanAccess({ resource: 'privacy', action: 'manage' });
  const { canAccess: canDownload } = useCanAccess({ resource: 'privacy', action: 'download' });
  const start = useStartExport();
  const running = request.status === 'approved' || request.status === 'in_progress';
  return (
    <SectionCard title="Export">
      <Stack spacing={1.5} alignItems="flex-start">
        {request.status === 'received' && <Typography color="text.secondary">Verify the person’s identity before building their export.</Typography>}
        {request.status === 'on_hold' && <Typography color="text.secondary">The request is on hold.</Typography>}
        {request.status === 'verified' &&
          (canManage ? (
            <>
              <Typography>One ZIP with a JSON and a CSV file per kind of record, the Stripe data, a manifest and a README.</Typography>
              <Button variant="contained" onClick={() => start.mutate(request.id)} disabled={start.isPending}>
                {start.isPending ? 'Starting…' : 'Build export'}
              </Button>
            </>
          ) : (
            <Typography color="text.secondary">Someone who manages privacy requests builds the export.</Typography>
          ))}
        {start.error && <Alert severity="error">{errorMessage(start.error)}</Alert>}
        {(running || (request.status === 'completed' && request.jobId)) && <PrivacyJobProgress request={request} what="Export" />}
        {request.status === 'completed' && request.export && <ExportDownload requestId={request.id} file={request.export} canDownload={canDownload === true} />}
      </Stack>
    </SectionCard>
  );
}

function ExportDownload({ requestId, file, canDownload }: { requestId: string; file: NonNullable<TPrivacyRequestDetail['export']>; canDownload: boolean }) {
  if (file.deleted || Date.parse(file.expiresAt) <= Date.now()) return <Typography color="text.secondary">The export expired on {formatDateTime(file.expiresAt)} and was deleted.</Typography>;
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      {canDownload ? (
        <Button variant="contained" component="a" href={exportZipHref(requestId)} download>
          Download ZIP
        </Button>
      ) : (
        <Typography color="text.secondary">You may not download exports.</Typography>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {mebibytes(file.bytes)} · available until {formatDateTime(file.expiresAt)} · SHA-256 {file.sha256} · every download is audited
      </Typography>
    </Stack>
  );
}

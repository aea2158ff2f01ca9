import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import { Alert, Button, Stack } from '@mui/material';
import { errorMessage } from '../../app/trpcErrors';
import { useAuditVerify } from './useAuditVerify';

/** "Verify integrity": walks the hash chain, the seals and the published anchors, and says whether any row was altered. */
export function AuditVerifyButton() {
  const verify = useAuditVerify();
  const result = verify.data;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Button size="small" startIcon={<VerifiedIcon />} onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify integrity'}
      </Button>
      <div role="status">
        {result?.ok && (
          <Alert severity="success">
            Chain intact: {result.rowsChecked} entries checked, seals valid, {result.anchorsChecked} published anchors matched.
          </Alert>
        )}
        {result && !result.ok && (
          <Alert severity="error">
            Chain broken at entry {result.brokenAtId}: {result.problem}
          </Alert>
        )}
        {verify.error && <Alert severity="error">{errorMessage(verify.error)}</Alert>}
      </div>
    </Stack>
  );
}

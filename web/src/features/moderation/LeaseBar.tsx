import { Alert, Button, Chip, Stack } from '@mui/material';
import { useNavigate } from 'react-router-dom';
import { leaseClock } from './moderationText';
import { releaseLease } from './useModeration';
import { useItemLease } from './useItemLease';

/** The lease on the held item: time left (renewed every minute while open), and "Release" to hand it back. */
export function LeaseBar({ entryId, leaseExpiresAt, held }: { entryId: string; leaseExpiresAt: string | null; held: boolean }) {
  const lease = useItemLease(entryId, leaseExpiresAt, held);
  const navigate = useNavigate();
  if (!held) return null;
  const expired = lease.secondsLeft <= 0;
  return (
    <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center">
      <Chip color={expired ? 'error' : lease.secondsLeft < 60 ? 'warning' : 'default'} label={`Lease: ${leaseClock(lease.secondsLeft)}`} aria-label={`Lease time left ${leaseClock(lease.secondsLeft)}`} />
      <Button size="small" variant="outlined" onClick={() => void releaseLease(entryId).finally(() => navigate('/moderation'))}>
        Release
      </Button>
      {(expired || lease.renewError) && <Alert severity="warning">The lease ran out: another moderator may take this item. Use Next item to claim again.</Alert>}
    </Stack>
  );
}

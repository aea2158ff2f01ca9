import EditIcon from '@mui/icons-material/Edit';
import ArchiveIcon from '@mui/icons-material/Inventory2Outlined';
import { Alert, Box, Button, Skeleton, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { useParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { formatDateTime } from '../../app/formatDateTime';
import { FlagEnvironmentsPanel } from './environments/FlagEnvironmentsPanel';
import { FlagArchivedChip, FlagStaleChip, FlagTypeChip } from './FlagChips';
import { FlagConfirmDialog } from './FlagConfirmDialog';
import { FlagEditDialog } from './FlagEditDialog';
import { FlagFacts } from './FlagFacts';
import { FlagHistoryCard } from './FlagHistoryCard';
import { FlagMetricsCard } from './FlagMetricsCard';
import { FlagSchedulesCard } from './FlagSchedulesCard';
import { isStaleFlag } from './flagStale';
import { useArchiveFlag, useFlag } from './useFlags';
import { useOwnerOptions } from './useOwnerOptions';

export type FlagDetail = NonNullable<ReturnType<typeof useFlag>['data']>;

/**
 * One flag (`#/flags/<key>/show`: the key is the record id): its details, its rules per
 * environment (the environments panel), what is scheduled, what changed (the audit
 * history with diffs) and how often the product evaluated it.
 */
export default function FlagShow() {
  const { id = '' } = useParams();
  const flag = useFlag(id);
  if (flag.isPending) return <Skeleton variant="rounded" height={320} role="status" aria-label="Loading the flag" sx={{ mt: 2 }} />;
  if (flag.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(flag.error)}</Alert>;
  return <FlagPage flag={flag.data} />;
}

function FlagPage({ flag }: { flag: FlagDetail }) {
  const { canAccess: canEdit } = useCanAccess({ resource: 'flags', action: 'edit' });
  const owners = useOwnerOptions();
  const [editing, setEditing] = useState(false);
  const ownerName = flag.ownerId ? (owners.options.find((owner) => owner.id === flag.ownerId)?.name ?? 'A staff member') : 'nobody';
  const live = !flag.archivedAt;
  return (
    <ConsolePage
      title={`Flag ${flag.key}`}
      heading={flag.key}
      badges={
        <>
          <FlagTypeChip type={flag.type} />
          {isStaleFlag(flag) && <FlagStaleChip updatedAt={flag.updatedAt} />}
          {flag.archivedAt && <FlagArchivedChip />}
        </>
      }
      actions={
        canEdit &&
        live && (
          <>
            <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              Edit details
            </Button>
            <ArchiveButton flagKey={flag.key} />
          </>
        )
      }
    >
      <Typography sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }} color={flag.description ? 'text.primary' : 'text.secondary'}>
        {flag.description || 'No description.'}
      </Typography>
      {flag.archivedAt && <Alert severity="info">Archived on {formatDateTime(flag.archivedAt)}: no longer served to the product; its history stays.</Alert>}
      <FlagFacts flag={flag} ownerName={ownerName} />
      {/* react-admin's layout is at least as wide as its content's min-content width: the
          panel's scrollable tabs must scroll within the page, not widen it on a phone. */}
      <Box sx={{ contain: 'inline-size', minWidth: 0 }}>
        <FlagEnvironmentsPanel flagKey={flag.key} />
      </Box>
      <FlagSchedulesCard flagKey={flag.key} />
      <FlagHistoryCard flagKey={flag.key} />
      <FlagMetricsCard flagKey={flag.key} />
      {editing && <FlagEditDialog flag={flag} owners={owners.options} open onClose={() => setEditing(false)} />}
    </ConsolePage>
  );
}

function ArchiveButton({ flagKey }: { flagKey: string }) {
  const [open, setOpen] = useState(false);
  const archive = useArchiveFlag();
  return (
    <>
      <Button size="small" color="warning" startIcon={<ArchiveIcon />} onClick={() => setOpen(true)}>
        Archive
      </Button>
      <FlagConfirmDialog
        open={open}
        title={`Archive ${flagKey}?`}
        text="The product stops receiving this flag in every environment (SDKs then use their fallback). Its history stays, and the key cannot be reused."
        confirmLabel="Archive flag"
        pending={archive.isPending}
        error={archive.error}
        onConfirm={() => archive.mutate(flagKey, { onSuccess: () => setOpen(false) })}
        onClose={() => {
          archive.reset();
          setOpen(false);
        }}
      />
    </>
  );
}

import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, Card, CardContent, Chip, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { FlagConfirmDialog } from './FlagConfirmDialog';
import { FlagKeyCreateDialog } from './FlagKeyCreateDialog';
import { formatDateTime } from './flagText';
import { useApiKeys, useRevokeApiKey } from './useFlagKeys';
import { useFlagEnvironments } from './useFlags';

type ApiKey = NonNullable<ReturnType<typeof useApiKeys>['data']>[number];

/** The API keys products read flags with (`#/flags/keys`, admins only): list, create (secret shown once), revoke. */
export default function FlagKeysPage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'flags', action: 'keys' });
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>Only admins manage the flags API keys.</Alert>;
  return <FlagKeysContent />;
}

function FlagKeysContent() {
  const keys = useApiKeys();
  const environments = (useFlagEnvironments().data ?? []).map((env) => env.name);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  return (
    <ConsolePage
      title="Flags API keys"
      actions={
        <>
          <Button component={RouterLink} to="/flags" size="small">
            All flags
          </Button>
          <Button variant="contained" size="small" startIcon={<AddIcon />} onClick={() => setCreating(true)} disabled={environments.length === 0}>
            Create API key
          </Button>
        </>
      }
    >
      <Typography color="text.secondary">Each key reads one environment’s flags (the Unleash client API and the evaluation API). A revoked key is refused at once.</Typography>
      {keys.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading the API keys" />}
      {keys.error && <Alert severity="error">{errorMessage(keys.error)}</Alert>}
      {keys.data?.length === 0 && <Typography color="text.secondary">No API key yet: create one for each product and environment that reads flags.</Typography>}
      {keys.data && keys.data.length > 0 && <ApiKeyList keys={keys.data} onRevoke={setRevoking} />}
      {creating && <FlagKeyCreateDialog environments={environments} onClose={() => setCreating(false)} />}
      {revoking && <RevokeDialog apiKey={revoking} onClose={() => setRevoking(null)} />}
    </ConsolePage>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  return (
    <FlagConfirmDialog
      open
      title={`Revoke “${apiKey.name}”?`}
      text={`Products using ${apiKey.prefix}… in ${apiKey.environment} are refused from now on. This cannot be undone.`}
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => revoke.mutate(apiKey.id, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

const statusOf = (key: ApiKey) => (key.revokedAt ? `Revoked ${formatDateTime(key.revokedAt)}${key.revokedByLabel ? ` by ${key.revokedByLabel}` : ''}` : 'Active');

function ApiKeyList({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  const phone = usePhoneLayout();
  const revokeButton = (key: ApiKey) =>
    key.revokedAt ? null : (
      <Button size="small" color="error" onClick={() => onRevoke(key)} aria-label={`Revoke ${key.name}`}>
        Revoke
      </Button>
    );
  if (phone) {
    return (
      <Stack spacing={1} component="section" aria-label="API keys">
        {keys.map((key) => (
          <Card key={key.id} variant="outlined" component="article" aria-label={key.name}>
            <CardContent>
              <Typography variant="subtitle1" sx={{ overflowWrap: 'anywhere' }}>
                {key.name}
              </Typography>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                {key.environment} · <code>{key.prefix}…</code>
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                Created {formatDateTime(key.createdAt)} by {key.createdByLabel} · last used {formatDateTime(key.lastUsedAt)}
              </Typography>
              <Stack direction="row" alignItems="center" justifyContent="space-between" mt={1} flexWrap="wrap" useFlexGap gap={1}>
                <Chip size="small" color={key.revokedAt ? 'default' : 'success'} label={statusOf(key)} />
                {revokeButton(key)}
              </Stack>
            </CardContent>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="API keys">
        <TableHead>
          <TableRow>
            {['Name', 'Environment', 'Prefix', 'Created', 'Last used', 'Status', ''].map((label) => (
              <TableCell key={label}>{label}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {keys.map((key) => (
            // A revoked key's row in grey text, not faded: faded, its grey lines fell to 3:1 against the page.
            <TableRow key={key.id} sx={key.revokedAt ? { '& td': { color: 'text.secondary' } } : undefined}>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{key.name}</TableCell>
              <TableCell>{key.environment}</TableCell>
              <TableCell>
                <code>{key.prefix}…</code>
              </TableCell>
              <TableCell>
                {formatDateTime(key.createdAt)}
                <Typography variant="body2" color="text.secondary">
                  by {key.createdByLabel}
                </Typography>
              </TableCell>
              <TableCell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'}</TableCell>
              <TableCell>{statusOf(key)}</TableCell>
              <TableCell align="right">{revokeButton(key)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

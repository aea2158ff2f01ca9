import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { ZFlagApiKeyCreateRequestSchema } from '@opsdesk/shared/flags/flagsApi.schemas';
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../../app/trpcErrors';
import { useDialogLayout } from '../../app/useDialogLayout';
import { useCreateApiKey } from './useFlagKeys';

/**
 * A new API key for one environment. The secret is answered once, by this request, and
 * only its hash is stored: the dialog shows it with a copy button and says so.
 */
export function FlagKeyCreateDialog({ environments, onClose }: { environments: string[]; onClose: () => void }) {
  const titleId = useId();
  const layout = useDialogLayout();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState(environments[0] ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useCreateApiKey();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZFlagApiKeyCreateRequestSchema.safeParse({ name, environment });
    if (!parsed.success) {
      setNameError(parsed.error.issues.find((issue) => issue.path[0] === 'name')?.message ?? null);
      return;
    }
    setNameError(null);
    create.mutate(parsed.data);
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" {...layout}>
      {create.data ? (
        <>
          <DialogTitle id={titleId}>API key created</DialogTitle>
          <DialogContent>
            <SecretOnce secret={create.data.secret} environment={create.data.environment} />
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={onClose}>
              Done
            </Button>
          </DialogActions>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create API key">
          <DialogTitle id={titleId}>Create API key</DialogTitle>
          <DialogContent>
            <Stack spacing={2} mt={1}>
              <TextField label="Name" autoFocus required value={name} onChange={(event) => setName(event.target.value)} error={Boolean(nameError)} helperText={nameError ?? 'Which product or service uses it, e.g. web-app production.'} slotProps={{ htmlInput: { maxLength: 100 } }} fullWidth />
              <TextField select label="Environment" value={environment} onChange={(event) => setEnvironment(event.target.value)} helperText="The key reads this environment's flags only." fullWidth>
                {environments.map((env) => (
                  <MenuItem key={env} value={env}>
                    {env}
                  </MenuItem>
                ))}
              </TextField>
              {create.error && <Alert severity="error">{errorMessage(create.error)}</Alert>}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={create.isPending || !environment}>
              {create.isPending ? 'Creating…' : 'Create key'}
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}

function SecretOnce({ secret, environment }: { secret: string; environment: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <Stack spacing={2}>
      <Alert severity="warning">Copy the secret now: it is shown this once and cannot be shown again. If it is lost, revoke the key and create another.</Alert>
      <Typography>The product sends it as the Authorization header to read {environment}’s flags.</Typography>
      <Box component="code" aria-label="Secret" sx={{ p: 1.5, bgcolor: 'action.hover', borderRadius: 1, overflowWrap: 'anywhere', fontFamily: 'monospace', userSelect: 'all' }}>
        {secret}
      </Box>
      <Stack direction="row" spacing={1} alignItems="center">
        <Button startIcon={<ContentCopyIcon />} variant="outlined" onClick={copy}>
          Copy secret
        </Button>
        <Typography role="status" variant="body2" color={copied === 'failed' ? 'error' : 'text.secondary'}>
          {copied === 'yes' && 'Copied.'}
          {copied === 'failed' && 'The browser refused to copy: select the secret and copy it by hand.'}
        </Typography>
      </Stack>
    </Stack>
  );
}

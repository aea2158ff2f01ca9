import { Alert, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { useOpenAppeal } from './useAppeals';

export interface Appellant {
  userId: string;
  label: string;
}

/**
 * Entering an appeal on the user's behalf (mail, support ticket): who appeals (the author
 * or a reporter), their words, and why staff enter it. Open for 6 months after the decision.
 */
export function OpenAppealForm({ decisionId, appellants }: { decisionId: string; appellants: Appellant[] }) {
  const { canAccess } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const openAppeal = useOpenAppeal();
  const [shown, setShown] = useState(false);
  const [appellant, setAppellant] = useState(appellants[0]?.userId ?? '');
  const [statement, setStatement] = useState('');
  const [reason, setReason] = useState('');
  if (!canAccess || appellants.length === 0) return null;
  if (openAppeal.isSuccess) return <Alert severity="success">Appeal recorded: another moderator decides it (Appeals page).</Alert>;
  if (!shown) {
    return (
      <Button variant="outlined" size="small" onClick={() => setShown(true)} sx={{ alignSelf: 'flex-start' }}>
        Record an appeal
      </Button>
    );
  }
  return (
    <Stack spacing={1.5} component="section" aria-label="Record an appeal">
      <Typography variant="subtitle1" component="h3">
        Record an appeal on the user's behalf
      </Typography>
      <TextField select size="small" label="Appellant" value={appellant} onChange={(event) => setAppellant(event.target.value)}>
        {appellants.map((option) => (
          <MenuItem key={option.userId} value={option.userId}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField label="The appellant's statement" value={statement} onChange={(event) => setStatement(event.target.value)} multiline minRows={2} inputProps={{ maxLength: 5000 }} />
      <TextField label="Reason for entering it (internal)" value={reason} onChange={(event) => setReason(event.target.value)} inputProps={{ maxLength: 1000 }} />
      {openAppeal.error && <Alert severity="error">{errorMessage(openAppeal.error)}</Alert>}
      <Button variant="contained" size="small" disabled={!statement.trim() || !reason.trim() || openAppeal.isPending} onClick={() => openAppeal.mutate({ decisionId, appellantUserId: appellant, statement: statement.trim(), reason: reason.trim() })} sx={{ alignSelf: 'flex-start' }}>
        Record appeal
      </Button>
    </Stack>
  );
}

import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, MenuItem, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import type { TModerationBulkFilter } from '@opsdesk/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDialogLayout } from '../../app/useDialogLayout';
import { errorMessage } from '../../app/trpcErrors';
import type { ReasonCodeOption } from './decisionForm';
import { DECISION_LABELS } from './moderationText';
import { useBulkEstimate, useStartBulk } from './useBulk';

/**
 * One decision over the selected rows, or over "all N matching" the queue's filter (N is
 * the server's estimate, confirmed here; the job freezes the real set when it starts).
 * It runs on the server; the page then follows the run's progress.
 */
export function BulkDecisionDialog({ open, onClose, filter, selectedIds, codes }: { open: boolean; onClose: () => void; filter: TModerationBulkFilter; selectedIds: string[]; codes: ReasonCodeOption[] }) {
  const navigate = useNavigate();
  const dialogLayout = useDialogLayout();
  const [scope, setScope] = useState<'entries' | 'filter'>(selectedIds.length > 0 ? 'entries' : 'filter');
  const [reasonCode, setReasonCode] = useState(codes[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const estimate = useBulkEstimate(filter, open && scope === 'filter');
  const start = useStartBulk();
  const code = codes.find((c) => c.code === reasonCode);
  const count = scope === 'entries' ? selectedIds.length : (estimate.data?.estimate ?? null);
  const canStart = Boolean(code) && reason.trim() !== '' && count !== null && count > 0 && !start.isPending;
  const submit = () => {
    const selection = scope === 'entries' ? { kind: 'entries' as const, entryIds: selectedIds } : { kind: 'filter' as const, filter, estimate: estimate.data!.estimate };
    start.mutate({ selection, reasonCode, reason: reason.trim() }, { onSuccess: (run) => navigate(`/moderation-bulk/${run.runId}`) });
  };
  return (
    <Dialog open={open} onClose={onClose} {...dialogLayout} aria-labelledby="bulk-decision-title">
      <DialogTitle id="bulk-decision-title">Bulk decision</DialogTitle>
      <DialogContent>
        <Stack spacing={2} mt={1}>
          <RadioGroup value={scope} onChange={(event) => setScope(event.target.value as 'entries' | 'filter')} aria-label="Which items">
            <FormControlLabel value="entries" disabled={selectedIds.length === 0} control={<Radio />} label={`The ${selectedIds.length} selected item${selectedIds.length === 1 ? '' : 's'}`} />
            <FormControlLabel value="filter" control={<Radio />} label={estimate.data ? `All ${estimate.data.exact ? '' : '~'}${estimate.data.estimate.toLocaleString('en-GB')} matching this filter` : 'All items matching this filter'} />
          </RadioGroup>
          {scope === 'filter' && estimate.error && <Alert severity="error">{errorMessage(estimate.error)}</Alert>}
          <TextField select label="Reason code" value={reasonCode} onChange={(event) => setReasonCode(event.target.value)}>
            {codes.map((option) => (
              <MenuItem key={option.code} value={option.code}>
                {option.label} — {DECISION_LABELS[option.decisionType]}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Reason (internal, audited; the statement's facts)" value={reason} onChange={(event) => setReason(event.target.value)} multiline minRows={2} inputProps={{ maxLength: 1000 }} />
          <Typography variant="body2" color="text.secondary">
            Items decided or claimed by someone else when the job reaches them are skipped and listed.
          </Typography>
          {start.error && <Alert severity="error">{errorMessage(start.error)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!canStart} onClick={submit}>
          {count !== null && code ? `${DECISION_LABELS[code.decisionType]}: ${count.toLocaleString('en-GB')} item${count === 1 ? '' : 's'}` : 'Start'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

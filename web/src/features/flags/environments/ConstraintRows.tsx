import { FLAG_OPERATORS } from '@opsdesk/shared/flags/flags.schemas';
import { Autocomplete, Button, Checkbox, FormControlLabel, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { CASE_OPERATORS, LIST_OPERATORS, type TConstraintRow } from './strategyForm';

/**
 * Raw Unleash constraints of a strategy, one row each: context field, operator (every
 * Unleash operator), values, "not" (inverted) and "any case" (case-insensitive, where the
 * operator honours it). All must hold for the strategy to apply.
 */
const CONTEXT_FIELDS = ['userId', 'sessionId', 'remoteAddress', 'appName', 'environment', 'currentTime', 'workspaceId', 'plan', 'subscriptionStatus', 'country', 'signupDate'];

export function ConstraintRows({ rows, onChange, label }: { rows: TConstraintRow[]; onChange: (rows: TConstraintRow[]) => void; label: string }) {
  const update = (index: number, patch: Partial<TConstraintRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">
        Other conditions
      </Typography>
      {rows.map((row, index) => {
        const list = LIST_OPERATORS.has(row.operator);
        return (
          <Stack key={index} direction={{ xs: 'column', md: 'row' }} spacing={1} alignItems={{ md: 'flex-start' }} role="group" aria-label={`${label} condition ${index + 1}`}>
            <Autocomplete
              freeSolo
              options={CONTEXT_FIELDS}
              value={row.contextName}
              onInputChange={(_event, contextName) => update(index, { contextName })}
              sx={{ minWidth: 180 }}
              renderInput={(params) => <TextField {...params} label="Context field" size="small" />}
            />
            <TextField select size="small" label="Operator" value={row.operator} onChange={(event) => update(index, { operator: event.target.value })} sx={{ minWidth: 170 }}>
              {FLAG_OPERATORS.map((operator) => (
                <MenuItem key={operator} value={operator}>
                  {operator}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              label={list ? 'Values (one per line)' : 'Value'}
              multiline={list}
              value={row.values}
              onChange={(event) => update(index, { values: event.target.value })}
              sx={{ flex: 1, minWidth: 160 }}
            />
            <FormControlLabel control={<Checkbox checked={row.inverted} onChange={(event) => update(index, { inverted: event.target.checked })} />} label="Not" />
            <FormControlLabel
              control={<Checkbox checked={row.caseInsensitive} disabled={!CASE_OPERATORS.has(row.operator)} onChange={(event) => update(index, { caseInsensitive: event.target.checked })} />}
              label="Any case"
            />
            <IconButton aria-label={`Remove condition ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              <DeleteIcon />
            </IconButton>
          </Stack>
        );
      })}
      <Button sx={{ alignSelf: 'flex-start' }} onClick={() => onChange([...rows, { contextName: '', operator: 'IN', values: '', inverted: false, caseInsensitive: false }])}>
        Add condition
      </Button>
    </Stack>
  );
}
